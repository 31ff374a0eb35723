package energy.p2p.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (falls back to "dev" when run from classes). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"p2p-energy-trading " + (v == null ? "dev" : v)};
  }
}
