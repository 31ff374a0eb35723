package energy.p2p.job;

import org.apache.flink.api.java.functions.KeySelector;

/** Key selectors: everything is keyed by feederId. Named classes (not lambdas) keep types explicit. */
final class FeederKeys {
  private FeederKeys() {}

  static final class OfInput implements KeySelector<WindowInput, String> {
    @Override
    public String getKey(WindowInput in) {
      return in.feederId();
    }
  }

  static final class OfWindow implements KeySelector<ClearedWindow, String> {
    @Override
    public String getKey(ClearedWindow w) {
      return w.feederId();
    }
  }

  static final class OfPublished implements KeySelector<PublishedWindow, String> {
    @Override
    public String getKey(PublishedWindow w) {
      return w.feederId();
    }
  }

  static final class OfReading implements KeySelector<energy.p2p.settlement.MeterReading, String> {
    @Override
    public String getKey(energy.p2p.settlement.MeterReading r) {
      return r.feederId();
    }
  }
}
