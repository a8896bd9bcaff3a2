package dev.mcplambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in its own JVM whose class path holds only this class: loads a {@code RequestStreamHandler}
 * from a shaded JAR through a {@link URLClassLoader} (parent: the platform loader, so nothing from
 * the build's class path can stand in for a class the JAR lacks) and calls {@code handleRequest}
 * once per event file, as the stock Lambda runtime would. Each output is printed as one line on
 * stdout. JDK classes only.
 *
 * <p>Arguments: the JAR, the handler class, then event files.
 */
public final class ShadedHandlerLauncher {

  private ShadedHandlerLauncher() {}

  public static void main(String[] args) throws Exception {
    URL jar = Path.of(args[0]).toUri().toURL();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
      Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
      Object handler = loader.loadClass(args[1]).getConstructor().newInstance();
      Method handle =
          handler
              .getClass()
              .getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
      for (int i = 2; i < args.length; i++) {
        Object context =
            Proxy.newProxyInstance(
                loader, new Class<?>[] {contextType}, (proxy, m, a) -> contextValue(m.getName()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handle.invoke(
            handler, new ByteArrayInputStream(Files.readAllBytes(Path.of(args[i]))), out, context);
        System.out.println(out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
      }
    }
  }

  /** What the stock runtime's context answers, as far as a handler could ask. */
  private static Object contextValue(String method) {
    return switch (method) {
      case "getAwsRequestId" -> "shaded-it";
      case "getFunctionName" -> "registration";
      case "getFunctionVersion" -> "$LATEST";
      case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:registration";
      case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 60_000;
      case "hashCode" -> 0;
      case "equals" -> false;
      case "toString" -> "ShadedHandlerLauncher context";
      default -> null;
    };
  }
}
