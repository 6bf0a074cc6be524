package dev.cairn.ingest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.ingest.lock.LockMode;
import dev.cairn.ingest.lock.ObjectLock;
import dev.cairn.platform.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 requests object lock makes, and how the store's answers read (an HTTP client that answers as told). */
class S3ObjectLockTest {

    /** What the SDK sent: the request line and headers, and the body. */
    record Sent(SdkHttpRequest request, String body) {}

    /** An HTTP client that records each request and answers {@code status} with {@code body}. */
    static final class Answering implements SdkHttpClient {
        final List<Sent> sent = new ArrayList<>();
        final int status;
        final String body;

        Answering(int status, String body) {
            this.status = status;
            this.body = body;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    String content = request.contentStreamProvider().isPresent()
                            ? new String(
                                    request.contentStreamProvider()
                                            .get()
                                            .newStream()
                                            .readAllBytes(),
                                    StandardCharsets.UTF_8)
                            : "";
                    sent.add(new Sent(request.httpRequest(), content));
                    byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder()
                                    .statusCode(status)
                                    .putHeader("Content-Length", Integer.toString(answer.length))
                                    .putHeader("Content-Type", "application/xml")
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}

        S3Client client() {
            return S3Client.builder()
                    .region(Region.EU_WEST_1)
                    .endpointOverride(URI.create("http://store.test"))
                    .forcePathStyle(true)
                    // as ObjectStores builds its clients: checksums only where the API requires them
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                    .httpClient(this)
                    .build();
        }
    }

    @Test
    void holdingAnObjectSetsItsRetentionWithTheModeTheDateAndTheChecksumS3Requires() {
        Answering store = new Answering(200, "");
        Instant until = Instant.parse("2027-01-31T12:00:00Z");

        try (S3Client client = store.client()) {
            S3ObjectLock.retain(client, "cairn-eu", "tenants/t/packs/p", until, LockMode.COMPLIANCE);
        }

        assertThat(store.sent).hasSize(1);
        SdkHttpRequest request = store.sent.getFirst().request();
        assertThat(request.method().name()).isEqualTo("PUT");
        assertThat(request.encodedPath()).isEqualTo("/cairn-eu/tenants/t/packs/p");
        assertThat(request.rawQueryParameters()).containsKey("retention");
        assertThat(request.headers().keySet())
                .as("S3 refuses a retention change without an integrity checksum")
                .anyMatch(h ->
                        h.equalsIgnoreCase("Content-MD5") || h.toLowerCase().startsWith("x-amz-checksum-"));
        assertThat(request.headers().keySet())
                .as("never bypasses a governance hold")
                .noneMatch(h -> h.equalsIgnoreCase("x-amz-bypass-governance-retention"));
        assertThat(store.sent.getFirst().body())
                .contains("<Mode>COMPLIANCE</Mode>")
                .contains("<RetainUntilDate>2027-01-31T12:00:00Z</RetainUntilDate>");
    }

    @Test
    void governanceModeIsSentAsAsked() {
        Answering store = new Answering(200, "");

        try (S3Client client = store.client()) {
            S3ObjectLock.retain(client, "b", "k", Instant.parse("2027-01-01T00:00:00Z"), LockMode.GOVERNANCE);
        }

        assertThat(store.sent.getFirst().body()).contains("<Mode>GOVERNANCE</Mode>");
    }

    @Test
    void aBucketWithObjectLockEnabledCanHoldObjects() {
        Answering store = new Answering(
                200,
                "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>");

        try (S3Client client = store.client()) {
            assertThat(S3ObjectLock.ask(client, "cairn-eu").support()).isEqualTo(ObjectLock.Support.Available);
        }
        assertThat(store.sent.getFirst().request().rawQueryParameters()).containsKey("object-lock");
    }

    @Test
    void aStoreThatDoesNotImplementObjectLockIsUnsupportedAndSaysSo() {
        Answering store =
                new Answering(501, "<Error><Code>NotImplemented</Code><Message>not implemented</Message></Error>");

        try (S3Client client = store.client()) {
            ObjectLock.Capability capability = S3ObjectLock.ask(client, "local");
            assertThat(capability.support()).isEqualTo(ObjectLock.Support.Unsupported);
            assertThat(capability.detail()).contains("501").contains("NotImplemented");
        }
    }

    @Test
    void aBucketMadeWithoutObjectLockIsNotEnabled() {
        Answering store = new Answering(
                404, "<Error><Code>ObjectLockConfigurationNotFoundError</Code><Message>none</Message></Error>");

        try (S3Client client = store.client()) {
            assertThat(S3ObjectLock.ask(client, "old-bucket").support()).isEqualTo(ObjectLock.Support.NotEnabled);
        }
    }

    @Test
    void aStoreThatFailsIsUnavailableNotUnsupported() {
        Answering store = new Answering(500, "<Error><Code>InternalError</Code><Message>boom</Message></Error>");

        try (S3Client client = store.client()) {
            assertThatThrownBy(() -> S3ObjectLock.ask(client, "cairn-eu"))
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("cairn-eu");
        }
    }
}
