package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValueCodecTest {

  @Test
  void plainValuesAreTakenAsIs() {
    assertThat(HeaderValueCodec.decode("us-west1")).contains("us-west1");
    assertThat(HeaderValueCodec.decode("file:///a%20b.txt")).contains("file:///a%20b.txt");
  }

  @Test
  void theSpecsEncodingExamplesDecode() {
    assertThat(HeaderValueCodec.decode("=?base64?SGVsbG8sIOS4lueVjA==?=")).contains("Hello, 世界");
    assertThat(HeaderValueCodec.decode("=?base64?IHBhZGRlZCA=?=")).contains(" padded ");
    assertThat(HeaderValueCodec.decode("=?base64?bGluZTEKbGluZTI=?=")).contains("line1\nline2");
    assertThat(HeaderValueCodec.decode("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?="))
        .contains("=?base64?literal?=");
  }

  @Test
  void markersAreCaseSensitive() {
    assertThat(HeaderValueCodec.decode("=?BASE64?SGk=?=")).contains("=?BASE64?SGk=?=");
  }

  @Test
  void invalidBase64OrInvalidUtf8InsideTheSentinelIsMalformed() {
    assertThat(HeaderValueCodec.decode("=?base64?not*base64?=")).isEmpty();
    assertThat(HeaderValueCodec.decode("=?base64?SGk?=")).isEmpty(); // bad padding
    assertThat(HeaderValueCodec.decode("=?base64?/w==?=")).isEmpty(); // 0xFF is not UTF-8
  }

  @Test
  void controlAndNonAsciiCharactersAreMalformed() {
    assertThat(HeaderValueCodec.decode("a\u0001b")).isEmpty();
    assertThat(HeaderValueCodec.decode("café")).isEmpty();
    assertThat(HeaderValueCodec.decode("a\tb")).contains("a\tb");
  }
}
