package dev.mcplambda.local;

import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.session.SessionStore;

/**
 * The stores both planes share.
 *
 * @param description for the banner, e.g. {@code in memory}
 */
public record LocalStores(RegistryStore registry, SessionStore sessions, String description) {}
