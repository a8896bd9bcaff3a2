package dev.mcplambda.registration;

import dev.mcplambda.http.ClientText;
import dev.mcplambda.registry.EntryAlreadyExistsException;
import dev.mcplambda.registry.EntryNotFoundException;
import dev.mcplambda.registry.EntryTooLargeException;
import dev.mcplambda.registry.InvalidCursorException;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryException;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.registry.RegistryUnavailableException;
import dev.mcplambda.registry.StaleVersionException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin plane: validates entries and applies {@link AdminCall}s to the {@link RegistryStore}.
 * Every write goes through the store, which bumps the catalog version after every write attempt (so
 * retrying a request whose bump failed, 503, announces it). Thread-safe.
 */
public final class RegistrationService {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrationService.class);

  private final RegistryStore store;
  private final EntryValidator validator;

  public RegistrationService(RegistryStore store, EntryValidator validator) {
    this.store = store;
    this.validator = validator;
  }

  public AdminOutcome execute(AdminCall call) {
    try {
      return switch (call) {
        case AdminCall.Create c -> create(c);
        case AdminCall.ListEntries l ->
            new AdminOutcome.Listed(store.list(l.limit(), l.cursor()), l.limit());
        case AdminCall.Get g ->
            store
                .get(g.id())
                .<AdminOutcome>map(AdminOutcome.Current::new)
                .orElseGet(() -> notFound(g.id()));
        case AdminCall.Replace r -> replace(r);
        case AdminCall.Delete d -> {
          store.delete(d.id(), d.precondition().expectedVersion());
          yield new AdminOutcome.Deleted();
        }
        case AdminCall.Refused r -> new AdminOutcome.Failed(r.problem());
      };
    } catch (RegistryException e) {
      return failed(call, e);
    }
  }

  private AdminOutcome create(AdminCall.Create call) {
    return switch (validator.validate(call.body())) {
      case ValidationResult.Invalid i -> invalid(i.problems());
      case ValidationResult.Valid v -> {
        try {
          yield new AdminOutcome.Created(store.create(v.entry()));
        } catch (EntryAlreadyExistsException e) {
          // the retry of a create that was written but answered 503 (its catalog bump failed) finds
          // its own entry: same content is the same request, answered like the first attempt
          RegistryEntry current = store.get(v.entry().id()).orElseThrow(() -> e);
          if (sameContent(current, v.entry())) {
            yield new AdminOutcome.Created(current);
          }
          throw e;
        }
      }
    };
  }

  private AdminOutcome replace(AdminCall.Replace call) {
    return switch (validator.validate(call.body())) {
      case ValidationResult.Invalid i -> invalid(i.problems());
      case ValidationResult.Valid v -> {
        RegistryEntry entry = v.entry();
        if (!entry.id().equals(call.id())) {
          yield invalid(identityChange(call.id(), entry));
        }
        try {
          yield new AdminOutcome.Current(
              store.update(entry, call.precondition().expectedVersion()));
        } catch (StaleVersionException e) {
          // a retried PUT whose first attempt was written (answered 503 after a failed bump) finds
          // the content it asked for: nothing would be overwritten, so it is answered as applied
          RegistryEntry current = store.get(entry.id()).orElseThrow(() -> e);
          if (sameContent(current, entry)) {
            yield new AdminOutcome.Current(current);
          }
          throw e;
        }
      }
    };
  }

  /** Whether two entries say the same thing, ignoring the store-managed version and timestamps. */
  static boolean sameContent(RegistryEntry stored, RegistryEntry requested) {
    return withoutStoreFields(stored).equals(withoutStoreFields(requested));
  }

  private static RegistryEntry withoutStoreFields(RegistryEntry entry) {
    return entry.toBuilder().version(null).createdAt(null).updatedAt(null).build();
  }

  /** PUT may not move an entry: its body must describe the entry at the URL. */
  private static List<FieldError> identityChange(String pathId, RegistryEntry entry) {
    List<FieldError> out = new ArrayList<>();
    String message =
        "type and name cannot be changed by PUT: the URL names '"
            + ClientText.quote(pathId, 140)
            + "' but the body describes '"
            + entry.id()
            + "' (DELETE and POST to rename)";
    if (!pathId.startsWith(entry.type().wireName() + "-")) {
      out.add(new FieldError("type", message));
    }
    if (!pathId.endsWith("-" + entry.name())) {
      out.add(new FieldError("name", message));
    }
    if (out.isEmpty()) {
      out.add(new FieldError("name", message));
    }
    return out;
  }

  private static AdminOutcome invalid(List<FieldError> problems) {
    return new AdminOutcome.Failed(AdminProblem.of(400, "invalid registry entry", problems));
  }

  private static AdminOutcome notFound(String id) {
    return new AdminOutcome.Failed(
        AdminProblem.of(404, "no entry '" + ClientText.quote(id, 140) + "'"));
  }

  private static AdminOutcome failed(AdminCall call, RegistryException e) {
    return new AdminOutcome.Failed(
        switch (e) {
          case EntryNotFoundException x -> AdminProblem.of(404, notFoundMessage(call));
          case EntryAlreadyExistsException x ->
              AdminProblem.of(
                  409,
                  "entry '"
                      + idOf(call)
                      + "' already exists; PUT /register/"
                      + idOf(call)
                      + " to replace it");
          case StaleVersionException x ->
              AdminProblem.of(
                  412,
                  "If-Match does not match the current version of '"
                      + ClientText.quote(idOf(call), 140)
                      + "'; GET it again and retry with its ETag");
          case InvalidCursorException x ->
              AdminProblem.of(
                  400,
                  "invalid list parameters",
                  List.of(
                      new FieldError(
                          "cursor",
                          "is not a cursor this registry handed out; start again without"
                              + " cursor")));
          case EntryTooLargeException x ->
              AdminProblem.of(
                  413,
                  "entry '" + ClientText.quote(idOf(call), 140) + "' is too large for the registry",
                  List.of(
                      new FieldError(
                          "body",
                          "is "
                              + x.bytes()
                              + " bytes as stored JSON; a registry entry holds at most "
                              + RegistryStore.MAX_ENTRY_BYTES
                              + " (one DynamoDB item); shorten descriptions or schemas")));
          case RegistryUnavailableException x -> {
            LOG.warn("registry store unavailable: {}", x.toString());
            yield AdminProblem.unavailable();
          }
        });
  }

  private static String notFoundMessage(AdminCall call) {
    return "no entry '" + ClientText.quote(idOf(call), 140) + "'";
  }

  private static String idOf(AdminCall call) {
    return switch (call) {
      case AdminCall.Get g -> g.id();
      case AdminCall.Replace r -> r.id();
      case AdminCall.Delete d -> d.id();
      case AdminCall.Create c ->
          c.body().path("type").asText() + "-" + c.body().path("name").asText();
      default -> "";
    };
  }
}
