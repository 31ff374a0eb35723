package energy.p2p.clearing;

import java.nio.charset.StandardCharsets;

/**
 * The seed of one window's random generator, from (feederId, frameStart, configured seed) only —
 * so a window clears the same on any thread, in any order, next to any other window.
 */
final class WindowSeed {
  private WindowSeed() {}

  static long of(String feederId, long frameStartMs, long configSeed) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 id: stable across JVMs
    for (byte b : feederId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h = mix(h ^ mix(frameStartMs));
    return mix(h ^ mix(configSeed + 0x9e3779b97f4a7c15L));
  }

  /** SplitMix64 finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
