package energy.p2p.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies a feeder's three files under another id (the topology and loads stay the template's),
 * optionally with another lower voltage limit.
 */
final class FeederCopies {
  private FeederCopies() {}

  static void write(Path templateDir, String templateId, Path outDir, String newId) throws IOException {
    write(templateDir, templateId, outDir, newId, Double.NaN);
  }

  /** {@code vMinPu}: the copy's lower voltage limit in p.u., NaN to keep the template's. */
  static void write(Path templateDir, String templateId, Path outDir, String newId, double vMinPu)
      throws IOException {
    for (String suffix : new String[] {".branches.csv", ".loads.csv"}) {
      Files.copy(templateDir.resolve(templateId + suffix), outDir.resolve(newId + suffix),
          StandardCopyOption.REPLACE_EXISTING);
    }
    String json = Files.readString(templateDir.resolve(templateId + ".json"), StandardCharsets.UTF_8);
    String renamed = json.replaceFirst("\"feederId\"\\s*:\\s*\"[^\"]*\"", "\"feederId\": \"" + newId + "\"");
    if (renamed.equals(json) && !json.contains("\"" + newId + "\"")) {
      throw new IllegalArgumentException(templateId + ".json has no feederId field to rename");
    }
    if (!Double.isNaN(vMinPu)) {
      renamed = withVMinPu(renamed, vMinPu);
    }
    Files.writeString(outDir.resolve(newId + ".json"), renamed, StandardCharsets.UTF_8);
  }

  private static String withVMinPu(String json, double vMinPu) {
    String value = "\"vMinPu\": " + vMinPu;
    String replaced = json.replaceFirst("\"vMinPu\"\\s*:\\s*[-+0-9.eE]+", value);
    // the field is optional (default 0.95): add it after the feederId when the template has none
    return replaced.equals(json) && !json.contains("\"vMinPu\"")
        ? json.replaceFirst("(\"feederId\"\\s*:\\s*\"[^\"]*\")", "$1,\n  " + value)
        : replaced;
  }
}
