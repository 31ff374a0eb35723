package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Main may end the JVM only under {@code java -jar}: on a Flink cluster it runs inside the
 * JobManager, loaded by a user-code class loader, and System.exit would kill the JobManager.
 */
class MainExitTest {

  @Test
  void ownsTheJvmWhenLoadedFromTheApplicationClassPath() {
    assertTrue(Main.ownsTheJvm());
  }

  @Test
  void doesNotOwnTheJvmWhenLoadedLikeAJobJarOnACluster() throws Exception {
    try (URLClassLoader userCode = childFirstLoaderOfMain()) {
      Class<?> main = Class.forName(Main.class.getName(), true, userCode);
      Method owns = main.getDeclaredMethod("ownsTheJvm");
      owns.setAccessible(true);
      assertFalse((Boolean) owns.invoke(null));
    }
  }

  @Test
  void failsTheSubmissionInsteadOfExitingWhenACommandFailsOnACluster() throws Exception {
    try (URLClassLoader userCode = childFirstLoaderOfMain()) {
      Method mainMethod = Class.forName(Main.class.getName(), true, userCode)
          .getMethod("main", String[].class);
      InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
          () -> mainMethod.invoke(null, (Object) new String[] {"no-such-command"}));
      assertTrue(thrown.getCause() instanceof IllegalStateException, thrown.getCause().toString());
    }
  }

  /** Loads energy.p2p.* itself first, everything else from the parent: what Flink does for a job jar. */
  private static URLClassLoader childFirstLoaderOfMain() {
    URL classes = Main.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {classes}, MainExitTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          if (!name.startsWith("energy.p2p.")) {
            return super.loadClass(name, resolve);
          }
          Class<?> loaded = findLoadedClass(name);
          return loaded != null ? loaded : findClass(name);
        }
      }
    };
  }
}
