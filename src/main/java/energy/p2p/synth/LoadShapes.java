package energy.p2p.synth;

/** Daily shapes (0..1) of a November day in central Europe, by hour of day (UTC+1 ignored). */
final class LoadShapes {
  private LoadShapes() {}

  /** PV output relative to peak: a bell from 08:00 to 16:00. */
  static double pv(double hour) {
    if (hour <= 8 || hour >= 16) {
      return 0;
    }
    return Math.sin(Math.PI * (hour - 8) / 8);
  }

  /** Household load relative to peak: night floor, morning bump, evening peak. */
  static double household(double hour) {
    double morning = Math.exp(-Math.pow((hour - 7.5) / 1.5, 2)) * 0.5;
    double evening = Math.exp(-Math.pow((hour - 19) / 2.5, 2));
    return 0.15 + 0.85 * Math.max(morning, evening);
  }

  /** EV charging likelihood: evening and night. */
  static double ev(double hour) {
    return hour >= 18 || hour < 6 ? 1 : hour < 8 ? 0.3 : 0.05;
  }

  /** Commercial load: opening hours. */
  static double commercial(double hour) {
    return hour >= 8 && hour < 18 ? 1 : 0.2;
  }
}
