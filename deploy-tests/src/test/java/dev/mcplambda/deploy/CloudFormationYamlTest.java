package dev.mcplambda.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

  @Test
  void shortFormTagsBecomeTheLongForm() {
    // given
    String yaml =
        """
        A: !Ref Param
        B: !GetAtt Table.StreamArn
        C: !Sub "${AWS::StackName}-x"
        D: !If [Cond, !Equals [a, b], !Ref AWS::NoValue]
        E: !Join ["", [!Select [0, !Split [",", !Ref L]]]]
        F: !Not [!Condition Other]
        G: !GetAtt Alias.Nested.Attribute
        """;
    // when
    Map<String, Object> doc = CloudFormationYaml.parse(new StringReader(yaml));
    // then
    assertThat(doc.get("A")).isEqualTo(Map.of("Ref", "Param"));
    assertThat(doc.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Table", "StreamArn")));
    assertThat(doc.get("C")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-x"));
    assertThat(doc.get("D"))
        .isEqualTo(
            Map.of(
                "Fn::If",
                List.of(
                    "Cond",
                    Map.of("Fn::Equals", List.of("a", "b")),
                    Map.of("Ref", "AWS::NoValue"))));
    assertThat(doc.get("E"))
        .isEqualTo(
            Map.of(
                "Fn::Join",
                List.of(
                    "",
                    List.of(
                        Map.of(
                            "Fn::Select",
                            List.of(0, Map.of("Fn::Split", List.of(",", Map.of("Ref", "L")))))))));
    assertThat(doc.get("F")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Condition", "Other"))));
    assertThat(doc.get("G")).isEqualTo(Map.of("Fn::GetAtt", List.of("Alias", "Nested.Attribute")));
  }

  @Test
  void branchesListBothSidesOfAConditionWithoutNoValue() {
    Map<String, Object> doc =
        CloudFormationYaml.parse(new StringReader("X: !If [C, !If [D, 1, 2], !Ref AWS::NoValue]"));
    assertThat(SamTemplate.branches(doc.get("X"))).containsExactly(1, 2);
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThatThrownBy(() -> CloudFormationYaml.parse(new StringReader("A: 1\nA: 2\n")))
        .hasMessageContaining("duplicate key");
  }
}
