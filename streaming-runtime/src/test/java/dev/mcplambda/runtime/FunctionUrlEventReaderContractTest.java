package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streaming event reader gives exactly what data binding gives. */
class FunctionUrlEventReaderContractTest {

  static final String FULL_EVENT =
      """
      {"version":"2.0","routeKey":"$default","rawPath":"/mcp","rawQueryString":"a=1&b=%20",
       "cookies":["c1=v1","c2=v2"],
       "headers":{"accept":"application/json, text/event-stream","mcp-session-id":"s-1"},
       "queryStringParameters":{"a":"1","b":" "},
       "unknownTopLevel":{"nested":[1,2,{"x":null}]},
       "requestContext":{"accountId":"123456789012","apiId":"abc","domainName":"abc.lambda-url.eu-west-1.on.aws",
         "domainPrefix":"abc","requestId":"7c2a","routeKey":"$default","stage":"$default",
         "time":"26/Nov/2026:10:00:00 +0000","timeEpoch":1795600000000,
         "http":{"method":"POST","path":"/mcp","protocol":"HTTP/1.1","sourceIp":"203.0.113.7","userAgent":"curl/8","extra":true},
         "authorizer":{"iam":{"accessKey":"AKIA","accountId":"123456789012","callerId":"AIDA",
           "cognitoIdentity":{"amr":["a"],"identityId":"i","identityPoolId":"p"},
           "principalOrgId":"o-1","userArn":"arn:aws:iam::123456789012:user/alice","userId":"AIDA"}}},
       "body":"eyJqc29ucnBjIjoiMi4wIn0=","isBase64Encoded":true}
      """;

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aFullEventReadsLikeDataBinding() throws IOException {
    FunctionUrlRequest expected = Json.mapper().readValue(FULL_EVENT, FunctionUrlRequest.class);

    FunctionUrlRequest actual = FunctionUrlEventReader.read(bytes(FULL_EVENT));

    assertThat(actual).isEqualTo(expected);
    assertThat(actual.principalArn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(actual.base64Encoded()).isTrue();
  }

  @Test
  void sparseAndNullFieldsReadLikeDataBinding() throws IOException {
    for (String event :
        new String[] {
          "{}",
          "{\"action\":\"ping\"}",
          "{\"headers\":null,\"cookies\":null,\"requestContext\":null,\"body\":null}",
          "{\"requestContext\":{\"http\":{\"method\":\"GET\"},\"authorizer\":{}}}",
          "{\"requestContext\":{\"authorizer\":{\"iam\":{\"cognitoIdentity\":null}}}}"
        }) {
      assertThat(FunctionUrlEventReader.read(bytes(event)))
          .as(event)
          .isEqualTo(Json.mapper().readValue(event, FunctionUrlRequest.class));
    }
  }

  @Test
  void jsonThatIsNotAnObjectIsNoRequestAndBrokenJsonIsAnError() throws IOException {
    assertThat(FunctionUrlEventReader.read(bytes("[1,2]"))).isNull();
    assertThat(FunctionUrlEventReader.read(bytes("\"ping\""))).isNull();
    assertThatThrownBy(() -> FunctionUrlEventReader.read(bytes("{\"a\":")))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> FunctionUrlEventReader.read(bytes("{} {}")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theReaderKnowsEveryComponentOfTheRequestRecords() {
    // if one of these fails, FunctionUrlRequest grew: teach FunctionUrlEventReader the new field
    assertThat(FunctionUrlRequest.class.getRecordComponents()).hasSize(10);
    assertThat(FunctionUrlRequest.RequestContext.class.getRecordComponents()).hasSize(11);
    assertThat(FunctionUrlRequest.Http.class.getRecordComponents()).hasSize(5);
    assertThat(FunctionUrlRequest.Authorizer.class.getRecordComponents()).hasSize(1);
    assertThat(FunctionUrlRequest.Iam.class.getRecordComponents()).hasSize(7);
  }
}
