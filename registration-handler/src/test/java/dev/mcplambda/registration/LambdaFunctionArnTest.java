package dev.mcplambda.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LambdaFunctionArnTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:lambda:us-east-1:123456789012:function:data-processor",
        "arn:aws:lambda:eu-central-2:123456789012:function:f_1",
        "arn:aws:lambda:ap-southeast-5:123456789012:function:F",
        "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",
        "arn:aws:lambda:us-east-1:123456789012:function:f:1",
        "arn:aws:lambda:us-east-1:123456789012:function:f:42",
        "arn:aws:lambda:us-east-1:123456789012:function:f:live",
        "arn:aws:lambda:us-east-1:123456789012:function:f:blue-green_2",
        "arn:aws-cn:lambda:cn-north-1:123456789012:function:f",
        "arn:aws-cn:lambda:cn-northwest-1:123456789012:function:f",
        "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f",
        "arn:aws-us-gov:lambda:us-gov-east-1:123456789012:function:f:prod",
        "arn:aws-iso:lambda:us-iso-east-1:123456789012:function:f",
        "arn:aws-iso-b:lambda:us-isob-east-1:123456789012:function:f",
        "arn:aws-iso-e:lambda:eu-isoe-west-1:123456789012:function:f",
        "arn:aws-iso-f:lambda:us-isof-south-1:123456789012:function:f",
        "arn:aws-eusc:lambda:eusc-de-east-1:123456789012:function:f",
      })
  void acceptsFunctionArnsInEveryPartition(String arn) {
    assertThat(LambdaFunctionArn.problems(arn)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|must not be empty",
        "arn:aws:lambda:us-east-1:123456789012:function:f?|wildcards",
        "arn:aws:lambda:us-east-1:*:function:f|wildcards",
        "arn:aws:dynamodb:us-east-1:123456789012:table/t|service 'dynamodb'",
        "arn:aws:lambda:us-east-1:123456789012:layer:l|names a Lambda layer",
        "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1|resource of type 'code-signing-config'",
        "arn:aws:lambda:us-iso-east-1:123456789012:function:f|not in partition 'aws'",
        "arn:aws-iso-b:lambda:us-iso-east-1:123456789012:function:f|it belongs to 'aws-iso'",
        "arn:aws-eusc:lambda:eu-central-1:123456789012:function:f|not in partition 'aws-eusc'",
        "arn:aws:lambda:useast1:123456789012:function:f|not a region name",
        "arn:aws:lambda:us-east-1:1234567890123:function:f|must be 12 digits",
        "arn:aws:lambda:us-east-1:12345678901a:function:f|must be 12 digits",
        "arn:aws:lambda:us-east-1:123456789012:function:|function name ''",
        "arn:aws:lambda:us-east-1:123456789012:function:f:$latest|qualifier '$latest'",
        "arn:aws:lambda:us-east-1:123456789012:function:f:007|qualifier '007'",
        "ARN:aws:lambda:us-east-1:123456789012:function:f|is not an ARN",
        "arn:aws:lambda|must have the form",
      })
  void refusesWithAReason(String arn, String reason) {
    assertThat(LambdaFunctionArn.problems(arn)).anySatisfy(m -> assertThat(m).contains(reason));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws-cn:lambda:us-east-1:12:function:f",
        "arn:aws-mars:lambda:mars-1:x:function:f.g:v.1",
      })
  void reportsEveryProblemOfOneArn(String arn) {
    assertThat(LambdaFunctionArn.problems(arn)).hasSizeGreaterThanOrEqualTo(2);
  }
}
