package dev.cairn.tenant.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.tenant.keys.KeyEncryption;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * KMS cannot run here, so this checks the adapter against the KMS JSON protocol as the AWS SDK speaks it: the
 * operations and fields it sends (X-Amz-Target, KeyId, EncryptionContext) and the answers it understands, including
 * KMS's refusal of a wrong encryption context. A small HTTP server plays KMS's part.
 */
class KmsKeyEncryptionTest {
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    /** ciphertext blob (base64) to [plaintext (base64), context]. */
    private final Map<String, String[]> vault = new ConcurrentHashMap<>();

    private KmsKeyEncryption kms;

    @BeforeEach
    void startFakeKms() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        kms = KmsKeyEncryption.create(
                KEY_ARN,
                "eu-west-1",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                builder -> builder.credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        targets.add(target);
        requests.add(body);
        String context = body.path("EncryptionContext").toString();
        int status = 200;
        String answer;
        if ("TrentService.Encrypt".equals(target)) {
            String blob = java.util.Base64.getEncoder()
                    .encodeToString(UUID.randomUUID().toString().getBytes());
            vault.put(blob, new String[] {body.path("Plaintext").asText(), context});
            answer = JSON.createObjectNode()
                    .put("CiphertextBlob", blob)
                    .put("KeyId", KEY_ARN)
                    .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT")
                    .toString();
        } else if ("TrentService.Decrypt".equals(target)) {
            String[] entry = vault.get(body.path("CiphertextBlob").asText());
            if (entry == null || !entry[1].equals(context)) {
                status = 400;
                answer =
                        "{\"__type\":\"InvalidCiphertextException\",\"message\":\"The ciphertext or context is invalid\"}";
            } else {
                answer = JSON.createObjectNode()
                        .put("Plaintext", entry[0])
                        .put("KeyId", KEY_ARN)
                        .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT")
                        .toString();
            }
        } else {
            status = 400;
            answer = "{\"__type\":\"UnknownOperationException\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void wrapsWithEncryptUnderTheKeyAndTheContext() {
        KeyEncryption.WrappedKey wrapped = kms.wrap(new byte[] {1, 2, 3}, "cairn/tenant/t1/CHUNK_ID");

        assertThat(wrapped.kekId()).isEqualTo(KEY_ARN);
        assertThat(targets).containsExactly("TrentService.Encrypt");
        JsonNode request = requests.get(0);
        assertThat(request.path("KeyId").asText()).isEqualTo(KEY_ARN);
        assertThat(request.path("EncryptionContext").path("cairn").asText()).isEqualTo("cairn/tenant/t1/CHUNK_ID");
        assertThat(request.path("EncryptionAlgorithm").asText()).isEqualTo("SYMMETRIC_DEFAULT");
    }

    @Test
    void unwrapsWithDecryptAndTheSameContext() {
        KeyEncryption.WrappedKey wrapped = kms.wrap(new byte[] {7, 8, 9}, "cairn/tenant/t1/CHUNK_ID");

        assertThat(kms.unwrap(wrapped, "cairn/tenant/t1/CHUNK_ID")).containsExactly(7, 8, 9);
        assertThat(targets).containsExactly("TrentService.Encrypt", "TrentService.Decrypt");
        assertThat(requests.get(1).path("KeyId").asText()).isEqualTo(KEY_ARN);
    }

    @Test
    void aWrongContextIsRefusedByKms() {
        KeyEncryption.WrappedKey wrapped = kms.wrap(new byte[] {7, 8, 9}, "cairn/tenant/t1/CHUNK_ID");

        assertThatThrownBy(() -> kms.unwrap(wrapped, "cairn/tenant/t2/CHUNK_ID"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KMS refused");
    }
}
