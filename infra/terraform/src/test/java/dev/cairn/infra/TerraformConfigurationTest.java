package dev.cairn.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Terraform configuration, checked by parsing it (no terraform binary runs here; README.md says how to plan it):
 * every variable and output documented and typed, providers and modules pinned, every module call matching the
 * module's variables, every bucket versioned, encrypted and private, no ingress from anywhere but the public load
 * balancer's, data stores encrypted and private, two environment roots in two regions.
 */
class TerraformConfigurationTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** The one security group that may take traffic from anywhere (references parse as their text). */
    private static final String PUBLIC_LB = "aws_security_group.public_lb.id";
    /** Each folder of .tf files (a module or an environment root), its files' blocks merged. */
    private static final Map<Path, Map<String, Object>> FOLDERS = new LinkedHashMap<>();

    @BeforeAll
    static void parseEveryFile() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(p -> p.toString().endsWith(".tf"))
                    .filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/.terraform/"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            Map<String, Object> blocks;
            try {
                blocks = new HCLParser().parse(file.toFile(), "UTF-8");
            } catch (Exception e) {
                throw new AssertionError(ROOT.relativize(file) + " does not parse: " + e.getMessage(), e);
            }
            Map<String, Object> folder = FOLDERS.computeIfAbsent(file.getParent(), d -> new LinkedHashMap<>());
            blocks.forEach((kind, value) -> merge(folder, kind, value));
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, String key, Object value) {
        if (value instanceof Map<?, ?> map && into.get(key) instanceof Map<?, ?> existing) {
            ((Map<String, Object>) map).forEach((k, v) -> merge((Map<String, Object>) existing, k, v));
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> merge(copy, k, v));
            into.put(key, copy);
        } else {
            into.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> blocks(Path folder, String kind) {
        return map(FOLDERS.get(folder).get(kind));
    }

    private static String name(Path folder) {
        return ROOT.relativize(folder).toString();
    }

    /** Every resource of a type, in every folder: "folder resource-name" to its body. */
    private static Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        FOLDERS.forEach((folder, blocks) -> map(map(blocks.get("resource")).get(type))
                .forEach((n, body) -> found.put(name(folder) + " " + n, map(body))));
        return found;
    }

    @Test
    void theModulesAndBothEnvironmentRootsAreThere() {
        Set<String> folders = new TreeSet<>();
        FOLDERS.keySet().forEach(f -> folders.add(name(f)));
        assertThat(folders)
                .contains(
                        "modules/network",
                        "modules/kms",
                        "modules/eks",
                        "modules/msk",
                        "modules/kafka-topics",
                        "modules/database",
                        "modules/object-storage",
                        "modules/service-roles",
                        "modules/entry-point",
                        "modules/region",
                        "envs/primary",
                        "envs/dr");
    }

    @Test
    void everyVariableIsDocumentedAndTypedAndEveryOutputDocumented() {
        List<String> missing = new ArrayList<>();
        FOLDERS.forEach((folder, blocks) -> {
            blocks(folder, "variable").forEach((v, body) -> {
                Object description = map(body).get("description");
                if (!(description instanceof String s) || s.isBlank()) {
                    missing.add(name(folder) + " variable " + v + ": no description");
                }
                if (map(body).get("type") == null) {
                    missing.add(name(folder) + " variable " + v + ": no type");
                }
            });
            blocks(folder, "output").forEach((o, body) -> {
                if (!(map(body).get("description") instanceof String s) || s.isBlank()) {
                    missing.add(name(folder) + " output " + o + ": no description");
                }
            });
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void terraformAndEveryProviderArePinnedAndEveryProviderUsedIsDeclared() {
        List<String> problems = new ArrayList<>();
        FOLDERS.forEach((folder, blocks) -> {
            Map<String, Object> terraform = map(blocks.get("terraform"));
            if (!(terraform.get("required_version") instanceof String v) || !v.startsWith("~>")) {
                problems.add(name(folder) + ": required_version is not pinned with ~>");
            }
            Map<String, Object> providers = map(terraform.get("required_providers"));
            providers.forEach((p, spec) -> {
                Object version = map(spec).get("version");
                if (!(version instanceof String v) || !(v.startsWith("~>") || v.startsWith("="))) {
                    problems.add(name(folder) + ": provider " + p + " is not pinned (" + version + ")");
                }
                if (!(map(spec).get("source") instanceof String)) {
                    problems.add(name(folder) + ": provider " + p + " has no source");
                }
            });
            Set<String> used = new TreeSet<>();
            for (String kind : List.of("resource", "data")) {
                blocks(folder, kind).keySet().forEach(type -> used.add(type.substring(0, type.indexOf('_'))));
            }
            used.removeAll(providers.keySet());
            if (!used.isEmpty()) {
                problems.add(name(folder) + ": providers used but not required: " + used);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyModuleCallIsLocalAndGivesExactlyTheModulesVariables() {
        List<String> problems = new ArrayList<>();
        FOLDERS.forEach((folder, blocks) -> blocks(folder, "module").forEach((call, body) -> {
            String source = String.valueOf(map(body).get("source"));
            Path module = folder.resolve(source).normalize();
            if (!source.startsWith("../")
                    || !module.startsWith(ROOT.resolve("modules"))
                    || !FOLDERS.containsKey(module)) {
                problems.add(name(folder) + " module " + call + ": source " + source + " is not a module here");
                return;
            }
            Map<String, Object> variables = blocks(module, "variable");
            Set<String> given = new TreeSet<>(map(body).keySet());
            given.removeAll(Set.of("source", "providers", "depends_on", "count", "for_each"));
            for (String argument : given) {
                if (!variables.containsKey(argument)) {
                    problems.add(
                            name(folder) + " module " + call + ": " + argument + " is not a variable of " + source);
                }
            }
            variables.forEach((v, spec) -> {
                if (!map(spec).containsKey("default") && !given.contains(v)) {
                    problems.add(name(folder) + " module " + call + ": required variable " + v + " not given");
                }
            });
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyBucketIsVersionedEncryptedPrivateAndLockable() {
        Map<String, Map<String, Object>> buckets = resources("aws_s3_bucket");
        assertThat(buckets).isNotEmpty();
        for (String bucket : buckets.keySet()) {
            String folder = bucket.substring(0, bucket.indexOf(' '));
            String reference = "aws_s3_bucket." + bucket.substring(bucket.indexOf(' ') + 1) + ".id";
            assertThat(buckets.get(bucket).get("object_lock_enabled"))
                    .as(bucket + " object lock")
                    .isEqualTo(true);
            assertThat(forBucket("aws_s3_bucket_versioning", folder, reference))
                    .as(bucket + " versioning")
                    .anySatisfy(v -> assertThat(
                                    map(v.get("versioning_configuration")).get("status"))
                            .isEqualTo("Enabled"));
            assertThat(forBucket("aws_s3_bucket_server_side_encryption_configuration", folder, reference))
                    .as(bucket + " encryption")
                    .anySatisfy(e -> assertThat(map(map(e.get("rule")).get("apply_server_side_encryption_by_default"))
                                    .get("sse_algorithm"))
                            .isEqualTo("aws:kms"));
            assertThat(forBucket("aws_s3_bucket_public_access_block", folder, reference))
                    .as(bucket + " public access block")
                    .anySatisfy(b -> assertThat(List.of(
                                    b.get("block_public_acls"),
                                    b.get("block_public_policy"),
                                    b.get("ignore_public_acls"),
                                    b.get("restrict_public_buckets")))
                            .containsOnly(true));
        }
    }

    private static List<Map<String, Object>> forBucket(String type, String folder, String reference) {
        return resources(type).entrySet().stream()
                .filter(e -> e.getKey().startsWith(folder + " "))
                .map(Map.Entry::getValue)
                .filter(body -> reference.equals(String.valueOf(body.get("bucket"))))
                .toList();
    }

    @Test
    void nothingTakesTrafficFromAnywhereButThePublicLoadBalancer() {
        List<String> open = new ArrayList<>();
        resources("aws_vpc_security_group_ingress_rule").forEach((rule, body) -> {
            boolean anywhere = "0.0.0.0/0".equals(body.get("cidr_ipv4")) || "::/0".equals(body.get("cidr_ipv6"));
            if (anywhere && !PUBLIC_LB.equals(String.valueOf(body.get("security_group_id")))) {
                open.add(rule);
            }
        });
        resources("aws_security_group").forEach((group, body) -> {
            if (body.containsKey("ingress")) {
                open.add(group + " (inline ingress: rules are resources of their own here)");
            }
        });
        resources("aws_security_group_rule").forEach((rule, body) -> {
            if ("ingress".equals(body.get("type"))
                    && String.valueOf(body.get("cidr_blocks")).contains("0.0.0.0/0")) {
                open.add(rule);
            }
        });
        assertThat(open).isEmpty();
        // and the exception is there, HTTPS only
        assertThat(resources("aws_vpc_security_group_ingress_rule").values())
                .filteredOn(r -> PUBLIC_LB.equals(String.valueOf(r.get("security_group_id"))))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("from_port")).isEqualTo(443.0));
    }

    @Test
    void dataStoresAreEncryptedPrivateAndAuthenticated() {
        assertThat(resources("aws_db_instance").values()).isNotEmpty().allSatisfy(db -> {
            assertThat(db.get("storage_encrypted")).isEqualTo(true);
            assertThat(db.get("publicly_accessible")).isEqualTo(false);
            assertThat(db.get("deletion_protection")).isEqualTo(true);
        });
        assertThat(resources("aws_msk_cluster").values()).isNotEmpty().allSatisfy(msk -> {
            Map<String, Object> authentication = map(msk.get("client_authentication"));
            assertThat(authentication.get("unauthenticated")).isEqualTo(false);
            assertThat(map(authentication.get("sasl")).get("scram")).isEqualTo(true);
            assertThat(map(map(msk.get("encryption_info")).get("encryption_in_transit"))
                            .get("client_broker"))
                    .isEqualTo("TLS");
        });
        assertThat(resources("aws_kms_key").values())
                .isNotEmpty()
                .allSatisfy(key -> assertThat(key.get("enable_key_rotation")).isEqualTo(true));
        assertThat(resources("aws_eks_cluster").values())
                .isNotEmpty()
                .allSatisfy(eks -> assertThat(eks).containsKey("encryption_config"));
    }

    @Test
    void theTwoEnvironmentRootsAreTwoRegionsOfTheSameModulesWithRemoteState() {
        Path primary = ROOT.resolve("envs/primary");
        Path dr = ROOT.resolve("envs/dr");
        Object primaryRegion = map(blocks(primary, "variable").get("region")).get("default");
        Object drRegion = map(blocks(dr, "variable").get("region")).get("default");
        assertThat(primaryRegion).isNotNull().isNotEqualTo(drRegion);
        for (Path env : List.of(primary, dr)) {
            assertThat(map(map(FOLDERS.get(env).get("terraform")).get("backend")))
                    .as(name(env) + " state backend")
                    .containsKey("s3");
        }
        // both roots are the same region module, in two regions
        for (Path env : List.of(primary, dr)) {
            assertThat(map(blocks(env, "module").get("region")).get("source")).hasToString("../../modules/region");
        }
        // the DR catalog follows the primary's, and its tenants' key is the primary's, replicated
        assertThat(map(blocks(dr, "module").get("region")))
                .containsKeys("replicate_source_db", "tenant_keys_replica_of");
        assertThat(map(blocks(primary, "module").get("region")))
                .doesNotContainKeys("replicate_source_db", "tenant_keys_replica_of");
        Path region = ROOT.resolve("modules/region");
        assertThat(map(blocks(region, "module").get("database"))).containsKey("replicate_source_db");
        assertThat(map(blocks(region, "module").get("kms"))).containsKey("tenant_keys_replica_of");
    }
}
