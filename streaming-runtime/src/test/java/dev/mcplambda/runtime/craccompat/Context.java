package dev.mcplambda.runtime.craccompat;

import java.util.ArrayList;
import java.util.List;

/** A CRaC-style global context: reverse order before a checkpoint, forward after a restore. */
public class Context {

  private final List<Resource> resources = new ArrayList<>();

  public synchronized void register(Resource resource) {
    resources.add(resource);
  }

  public synchronized void clear() {
    resources.clear();
  }

  public synchronized void beforeCheckpoint(Context context) throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).beforeCheckpoint(this);
    }
  }

  public synchronized void afterRestore(Context context) throws Exception {
    for (Resource r : resources) {
      r.afterRestore(this);
    }
  }
}
