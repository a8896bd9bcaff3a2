package dev.mcplambda.runtime;

import dev.mcplambda.config.Environment;

/**
 * What the streaming runtime reads at start-up. All environment variables here are reserved and set
 * by Lambda itself.
 *
 * @param runtimeApi {@code AWS_LAMBDA_RUNTIME_API} ({@code host:port})
 * @param handler the handler class: the first program argument, else {@code _HANDLER}
 * @param snapStart whether {@code AWS_LAMBDA_INITIALIZATION_TYPE} is {@code snap-start}
 * @param cracCompatPackage the {@code org.crac.Core.Compat} system property, or {@code null}
 * @param deadlineMarginMillis the most time before the deadline at which a still-running streaming
 *     handler's response is ended
 */
public record RuntimeSettings(
    String runtimeApi,
    String handler,
    boolean snapStart,
    String cracCompatPackage,
    long deadlineMarginMillis) {

  public static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";
  public static final String HANDLER = "_HANDLER";
  public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
  public static final String SNAP_START = "snap-start";

  /** Default upper bound of the deadline margin. */
  public static final long DEFAULT_DEADLINE_MARGIN_MILLIS = 1000;

  static RuntimeSettings from(Environment env, String[] args) {
    String handler =
        args.length > 0 && !args[0].isBlank() ? args[0] : env.get(HANDLER).orElse(null);
    return new RuntimeSettings(
        env.get(RUNTIME_API).orElse(null),
        handler,
        SNAP_START.equals(env.get(INITIALIZATION_TYPE).orElse("")),
        System.getProperty(CracCompatContext.COMPAT_PROPERTY),
        DEFAULT_DEADLINE_MARGIN_MILLIS);
  }
}
