package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Key ids, two-key rotation, nonce and argument binding of sealed MRTR state. */
class RequestStateSealerTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private final long now = System.currentTimeMillis();
  private final long later = now + 60_000;

  private static JsonNode json(String s) {
    try {
      return Json.readTree(s);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static RequestStateSealer sealer(String current, String previous) {
    return new RequestStateSealer(StateKeySource.fixed(StateKeyRing.of(current, previous)));
  }

  @Test
  void aStateNamesTheKeyThatSealedItAndEachSealIsUnique() {
    // given
    RequestStateSealer sealer = sealer("k1", null);
    JsonNode args = json("{\"q\":\"a\"}");

    // when the same state is sealed twice
    String one = sealer.seal("s", ALICE, "tools/call", "ask", args, later);
    String two = sealer.seal("s", ALICE, "tools/call", "ask", args, later);

    // then both carry the current key's id, differ by their nonce, and open
    String id = StateKeyRing.of("k1", null).current().id();
    assertThat(one).startsWith("v2." + id + ".");
    assertThat(one).isNotEqualTo(two);
    assertThat(sealer.open(one, ALICE, "tools/call", "ask", args, now)).contains("s");
    assertThat(sealer.open(two, ALICE, "tools/call", "ask", args, now)).contains("s");
  }

  @Test
  void afterARotationThePreviousKeyStillOpensButNoLongerSeals() {
    // given a state sealed before the rotation
    String before = sealer("old", null).seal("s", ALICE, "tools/call", "ask", null, later);

    // when the ring is rotated (new current, old previous) and rotated once more
    RequestStateSealer rotated = sealer("new", "old");
    RequestStateSealer twiceRotated = sealer("newer", "new");

    // then the state opens right after the rotation, not after the second one, and new states
    // are sealed with the new key
    assertThat(rotated.open(before, ALICE, "tools/call", "ask", null, now)).contains("s");
    assertThat(twiceRotated.open(before, ALICE, "tools/call", "ask", null, now)).isEmpty();
    assertThat(rotated.seal("s", ALICE, "tools/call", "ask", null, later))
        .startsWith("v2." + StateKeyRing.of("new", null).current().id() + ".");
  }

  @Test
  void argumentsAreBoundIndependentlyOfMemberOrder() {
    RequestStateSealer sealer = sealer("k", null);
    String sealed =
        sealer.seal(
            "s", ALICE, "prompts/get", "p", json("{\"a\":1,\"b\":[1,{\"x\":2,\"y\":3}]}"), later);

    assertThat(
            sealer.open(
                sealed,
                ALICE,
                "prompts/get",
                "p",
                json("{\"b\":[1,{\"y\":3,\"x\":2}],\"a\":1}"),
                now))
        .contains("s");
    assertThat(
            sealer.open(
                sealed,
                ALICE,
                "prompts/get",
                "p",
                json("{\"a\":2,\"b\":[1,{\"x\":2,\"y\":3}]}"),
                now))
        .isEmpty();
    assertThat(sealer.open(sealed, ALICE, "prompts/get", "p", null, now)).isEmpty();
  }

  @Test
  void anUnknownKeyIdAsksTheSourceToReloadOnce() {
    // given a source that learns about the rotated key only when asked to reload
    String sealedElsewhere =
        sealer("rotated", "old").seal("s", ALICE, "tools/call", "t", null, later);
    AtomicInteger reloads = new AtomicInteger();
    StateKeySource source =
        new StateKeySource() {
          volatile StateKeyRing ring = StateKeyRing.of("old", null);

          @Override
          public StateKeyRing keys() {
            return ring;
          }

          @Override
          public StateKeyRing refreshed() {
            reloads.incrementAndGet();
            ring = StateKeyRing.of("rotated", "old");
            return ring;
          }
        };

    // when this container opens a state sealed with the key it has not loaded yet
    var opened =
        new RequestStateSealer(source).open(sealedElsewhere, ALICE, "tools/call", "t", null, now);

    // then it reloaded and accepted it
    assertThat(opened).contains("s");
    assertThat(reloads).hasValue(1);
  }

  @Test
  void malformedStatesAreRefusedWithoutExceptions() {
    RequestStateSealer sealer = sealer("k", null);
    for (String bad :
        new String[] {
          "", "v2.", "v2..", "v2.x.y", "v2.abc.def.ghi", "v1.e30.AAAA", "v2.%%.!!.??"
        }) {
      assertThat(sealer.open(bad, ALICE, "tools/call", "t", null, now)).as(bad).isEmpty();
    }
  }

  @Test
  void withoutAKeyEachSealerDrawsItsOwnRandomKeyOnceAndKeepsIt() {
    // given two sealers without a configured key (random per-process keys, drawn on first use)
    StateKeySource source = StateKeySource.randomPerProcess();
    RequestStateSealer sealer = new RequestStateSealer(source);
    RequestStateSealer other = new RequestStateSealer((StateKeySource) null);

    // when each seals a state
    String sealed = sealer.seal("s", ALICE, "tools/call", "t", null, later);
    String sealedByOther = other.seal("s", ALICE, "tools/call", "t", null, later);

    // then a sealer opens its own states (its key stays the same), not the other's
    assertThat(source.keys()).isSameAs(source.keys());
    assertThat(sealer.open(sealed, ALICE, "tools/call", "t", null, now)).contains("s");
    assertThat(other.open(sealedByOther, ALICE, "tools/call", "t", null, now)).contains("s");
    assertThat(sealer.open(sealedByOther, ALICE, "tools/call", "t", null, now)).isEmpty();
    assertThat(other.open(sealed, ALICE, "tools/call", "t", null, now)).isEmpty();
  }
}
