package energy.p2p.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies a feeder's three files under another id (the topology and loads stay the template's). */
final class FeederCopies {
  private FeederCopies() {}

  static void write(Path templateDir, String templateId, Path outDir, String newId) throws IOException {
    for (String suffix : new String[] {".branches.csv", ".loads.csv"}) {
      Files.copy(templateDir.resolve(templateId + suffix), outDir.resolve(newId + suffix),
          StandardCopyOption.REPLACE_EXISTING);
    }
    String json = Files.readString(templateDir.resolve(templateId + ".json"), StandardCharsets.UTF_8);
    String renamed = json.replaceFirst("\"feederId\"\\s*:\\s*\"[^\"]*\"", "\"feederId\": \"" + newId + "\"");
    if (renamed.equals(json) && !json.contains("\"" + newId + "\"")) {
      throw new IllegalArgumentException(templateId + ".json has no feederId field to rename");
    }
    Files.writeString(outDir.resolve(newId + ".json"), renamed, StandardCharsets.UTF_8);
  }
}
