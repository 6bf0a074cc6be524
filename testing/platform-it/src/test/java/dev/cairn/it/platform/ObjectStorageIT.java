package dev.cairn.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.S3Server;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Each region has an S3 server of its own that stores objects and checks signatures. */
class ObjectStorageIT {

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "us-east-1"})
    void anObjectWrittenToARegionIsListedAndReadBackThere(String region) {
        S3Server server = TestPlatform.get().objectStores().get(region);
        String bucket = Platform.bucket(region);
        String key = "it/" + region + "/hello.txt";
        try (S3Client s3 = server.client()) {
            // when
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("hello " + region));
            // then
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("it/")).contents())
                    .extracting(S3Object::key)
                    .contains(key)
                    .allMatch(k -> k.startsWith("it/" + region + "/"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8))
                    .isEqualTo("hello " + region);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "us-east-1"})
    void aRequestSignedWithAnotherSecretIsRefused(String region) {
        S3Server server = TestPlatform.get().objectStores().get(region);
        try (S3Client forged = S3Client.builder()
                .endpointOverride(URI.create(server.endpoint().toString()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), "wrong-secret")))
                .build()) {
            assertThatThrownBy(() -> forged.listObjectsV2(b -> b.bucket(Platform.bucket(region))))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }
}
