package dev.mcplambda.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The global context of a CRaC-compatible package ({@code <pkg>.Core.getGlobalContext()} with
 * {@code <pkg>.Context.beforeCheckpoint(Context)} / {@code afterRestore(Context)}), found by
 * reflection. On the {@code java21} managed runtime the stock command line sets {@code
 * -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}: resources users register through
 * {@code org.crac.Core.getGlobalContext()} land in the stock runtime's context class, which stays
 * on our class path (the wrapper keeps the stock class path). Running that context's hooks is what
 * the stock runtime does around a SnapStart snapshot; this class lets our runtime do the same
 * without a compile-time dependency.
 */
final class CracCompatContext {

  /** The system property the {@code org.crac} library reads to find its implementation. */
  static final String COMPAT_PROPERTY = "org.crac.Core.Compat";

  private final Object context;
  private final Method beforeCheckpoint;
  private final Method afterRestore;

  private CracCompatContext(Object context, Method beforeCheckpoint, Method afterRestore) {
    this.context = context;
    this.beforeCheckpoint = beforeCheckpoint;
    this.afterRestore = afterRestore;
  }

  /** The compat package's global context, if the package is named and on the class path. */
  static Optional<CracCompatContext> find(String compatPackage, ClassLoader loader) {
    if (compatPackage == null || compatPackage.isBlank()) {
      return Optional.empty();
    }
    try {
      Class<?> core = Class.forName(compatPackage + ".Core", true, loader);
      Class<?> contextType = Class.forName(compatPackage + ".Context", true, loader);
      Object context = core.getMethod("getGlobalContext").invoke(null);
      if (context == null) {
        return Optional.empty();
      }
      return Optional.of(
          new CracCompatContext(
              context,
              contextType.getMethod("beforeCheckpoint", contextType),
              contextType.getMethod("afterRestore", contextType)));
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }

  void beforeCheckpoint() throws Exception {
    call(beforeCheckpoint);
  }

  void afterRestore() throws Exception {
    call(afterRestore);
  }

  private void call(Method m) throws Exception {
    try {
      m.invoke(context, (Object) null);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
