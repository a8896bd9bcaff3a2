package dev.mcplambda.runtime.craccompat;

/** A CRaC-style resource. */
public interface Resource {

  void beforeCheckpoint(Context context) throws Exception;

  void afterRestore(Context context) throws Exception;
}
