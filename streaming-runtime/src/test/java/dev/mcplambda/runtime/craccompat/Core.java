package dev.mcplambda.runtime.craccompat;

/**
 * A CRaC-compatible package shaped like the one the stock Java runtime names in {@code
 * -Dorg.crac.Core.Compat}: {@code Core.getGlobalContext()} plus {@code Context}/{@code Resource}.
 */
public final class Core {

  private static final Context GLOBAL = new Context();

  private Core() {}

  public static Context getGlobalContext() {
    return GLOBAL;
  }
}
