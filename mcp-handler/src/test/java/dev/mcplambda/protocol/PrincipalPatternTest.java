package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrincipalPatternTest {

  @ParameterizedTest
  @CsvSource({
    "arn:aws:iam::111122223333:user/alice, arn:aws:iam::111122223333:user/alice, true",
    "arn:aws:iam::111122223333:user/alice, arn:aws:iam::111122223333:user/alicex, false",
    "arn:aws:iam::111122223333:role/admin-*, arn:aws:iam::111122223333:role/admin-ops, true",
    "arn:aws:iam::111122223333:role/admin-*, arn:aws:iam::111122223333:role/dev-ops, false",
    "arn:aws:iam::*:role/ci, arn:aws:iam::999988887777:role/ci, true",
    "arn:aws:sts::*:assumed-role/ops/*, arn:aws:sts::1:assumed-role/ops/session-9, true",
    "*, anything, true",
    "a*b*c, axxbyyc, true",
    "a*b*c, axxbyy, false",
    "**, '', true",
  })
  void globMatching(String pattern, String principal, boolean expected) {
    assertThat(PrincipalPattern.matches(pattern, principal)).isEqualTo(expected);
  }

  @Test
  void noPatternsMeansEveryone() {
    assertThat(PrincipalPattern.allows(null, null)).isTrue();
    assertThat(PrincipalPattern.allows(List.of(), "x")).isTrue();
  }

  @Test
  void restrictedEntriesNeedAKnownPrincipal() {
    assertThat(PrincipalPattern.allows(List.of("*"), null)).isFalse();
    assertThat(PrincipalPattern.allows(List.of("a", "b*"), "bob")).isTrue();
  }
}
