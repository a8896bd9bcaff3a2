package dev.mcplambda.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.json.Json;
import dev.mcplambda.session.SessionRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryEntryBuilderTest {

  @Test
  void aBuiltEntryWritesTheSameJsonAsTheRecordAndCopiesRoundTrip() {
    // given an entry built by field name
    RegistryEntry entry =
        RegistryEntry.builder(EntryType.RESOURCE, "files")
            .id("resource-files")
            .lambdaArn("arn:aws:lambda:us-east-1:123456789012:function:files")
            .uriTemplate("file:///{path}")
            .allowedPrincipals(List.of("arn:aws:iam::123456789012:role/*"))
            .completions(Map.of("path", List.of("a", "b")))
            .version(3L)
            .build();

    // then the wire JSON has exactly the fields set, and a copy is equal
    assertThat(Json.write(entry))
        .isEqualTo(
            "{\"id\":\"resource-files\",\"type\":\"resource\",\"name\":\"files\","
                + "\"lambdaArn\":\"arn:aws:lambda:us-east-1:123456789012:function:files\","
                + "\"uriTemplate\":\"file:///{path}\","
                + "\"allowedPrincipals\":[\"arn:aws:iam::123456789012:role/*\"],"
                + "\"version\":3,\"completions\":{\"path\":[\"a\",\"b\"]}}");
    assertThat(entry.toBuilder().build()).isEqualTo(entry);
    assertThat(entry.withStoreFields("x", 4, "c", "u").version()).isEqualTo(4L);
  }

  @Test
  void aSessionCopyChangesOnlyWhatIsSet() {
    SessionRecord s =
        SessionRecord.builder("s1", "arn:aws:iam::123456789012:user/a")
            .era("streamable-http")
            .logLevel("info")
            .createdAt(1)
            .build();

    SessionRecord copy = s.toBuilder().logLevel("error").build();

    assertThat(copy.logLevel()).isEqualTo("error");
    assertThat(copy.toBuilder().logLevel("info").build()).isEqualTo(s);
  }
}
