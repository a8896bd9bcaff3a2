package dev.mcplambda.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a CloudFormation/SAM template written in YAML. The short-form intrinsic function tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, {@code !If}, ...) become the long form
 * CloudFormation itself uses: a one-entry map such as {@code {"Ref": "X"}} or {@code {"Fn::If":
 * [...]}}, so tests look at the same structure whichever form a template uses.
 */
final class CloudFormationYaml {

  /** Short tag (without {@code !}) to long-form key. */
  private static final Map<String, String> FUNCTIONS =
      Map.ofEntries(
          Map.entry("Ref", "Ref"),
          Map.entry("Condition", "Condition"),
          Map.entry("GetAtt", "Fn::GetAtt"),
          Map.entry("Sub", "Fn::Sub"),
          Map.entry("If", "Fn::If"),
          Map.entry("Equals", "Fn::Equals"),
          Map.entry("Not", "Fn::Not"),
          Map.entry("And", "Fn::And"),
          Map.entry("Or", "Fn::Or"),
          Map.entry("Join", "Fn::Join"),
          Map.entry("Select", "Fn::Select"),
          Map.entry("Split", "Fn::Split"),
          Map.entry("FindInMap", "Fn::FindInMap"),
          Map.entry("Base64", "Fn::Base64"),
          Map.entry("Cidr", "Fn::Cidr"),
          Map.entry("GetAZs", "Fn::GetAZs"),
          Map.entry("ImportValue", "Fn::ImportValue"),
          Map.entry("Transform", "Fn::Transform"),
          Map.entry("Length", "Fn::Length"),
          Map.entry("ToJsonString", "Fn::ToJsonString"),
          Map.entry("Contains", "Fn::Contains"),
          Map.entry("EachMemberEquals", "Fn::EachMemberEquals"),
          Map.entry("EachMemberIn", "Fn::EachMemberIn"),
          Map.entry("RefAll", "Fn::RefAll"),
          Map.entry("ValueOf", "Fn::ValueOf"),
          Map.entry("ValueOfAll", "Fn::ValueOfAll"));

  private CloudFormationYaml() {}

  static Map<String, Object> load(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(Reader in) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object document =
        new Yaml(
                new TagConstructor(options),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                options)
            .load(in);
    if (!(document instanceof Map)) {
      throw new IllegalArgumentException("a template is a YAML mapping, found " + document);
    }
    return (Map<String, Object>) document;
  }

  private static final class TagConstructor extends SafeConstructor {

    TagConstructor(LoaderOptions options) {
      super(options);
      FUNCTIONS.forEach((tag, key) -> yamlConstructors.put(new Tag("!" + tag), new Function(key)));
    }

    private final class Function extends AbstractConstruct {
      private final String key;

      Function(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value =
            switch (node) {
              case ScalarNode scalar -> scalarArgument(scalar);
              case SequenceNode sequence -> constructSequence(sequence);
              case MappingNode mapping -> constructMapping(mapping);
              default -> throw new IllegalArgumentException("unexpected node " + node);
            };
        Map<String, Object> function = new LinkedHashMap<>();
        function.put(key, value);
        return function;
      }

      private Object scalarArgument(ScalarNode scalar) {
        String text = constructScalar(scalar);
        if (key.equals("Fn::GetAtt")) {
          // !GetAtt Resource.Attribute (the attribute may itself contain dots)
          int dot = text.indexOf('.');
          if (dot < 0) {
            throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got " + text);
          }
          return List.of(text.substring(0, dot), text.substring(dot + 1));
        }
        return text;
      }
    }
  }
}
