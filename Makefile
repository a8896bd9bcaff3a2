# Build targets for `sam build` (template.yaml: Metadata BuildMethod makefile, ContextPath ., WorkingDirectory .).
#
# SAM's own Java/Maven builder copies only a function's CodeUri folder to a scratch directory and runs
# `mvn install` there, where the parent pom and the shared-model module are out of reach. These targets run
# in the repository root instead, build the module with the Maven reactor (-pl <module> -am), and unpack the
# module's shaded "-lambda" JAR into $(ARTIFACTS_DIR): classes and META-INF at the root of the deployment
# package, exactly what Lambda's java21 runtime (and the streaming-runtime wrapper) put on the class path.
#
# Not supported: `sam build --use-container` (the container only sees the CodeUri folder) and
# `sam build --parallel` (both targets build shared-model in the same target/ folder).

MVNW ?= ./mvnw
MAVEN_FLAGS ?= -B -q -Dnpm.skip -DskipTests -Dspotless.check.skip=true

define package_module
	$(MVNW) $(MAVEN_FLAGS) -pl $(1) -am package
	@jar=$$(ls -t $(1)/target/$(1)-*-lambda.jar 2>/dev/null | head -n 1); \
	  if [ -z "$$jar" ]; then echo "no shaded JAR in $(1)/target (expected $(1)-<version>-lambda.jar)" >&2; exit 1; fi; \
	  echo "unpacking $$jar into $(ARTIFACTS_DIR)"; \
	  mkdir -p "$(ARTIFACTS_DIR)"; \
	  unzip -q -o "$$jar" -d "$(ARTIFACTS_DIR)"
endef

.PHONY: build-McpFunction build-TaskRunnerFunction build-RegistrationFunction

build-McpFunction:
	$(call package_module,mcp-handler)

# the task runner ships in the MCP function's JAR (handler dev.mcplambda.TaskRunnerHandler)
build-TaskRunnerFunction:
	$(call package_module,mcp-handler)

build-RegistrationFunction:
	$(call package_module,registration-handler)
