package dev.cairn.it.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.ObjectMapperConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the shared test platform with RestAssured, JSON by default:
 * {@code Api.as(token).when().get("/api/v1/clusters").then().statusCode(200)}. Bodies are written and read with
 * Jackson ({@link #JSON}); a failed expectation logs the request and the answer.
 */
public final class Api {
    /** The one JSON mapper of the integration tests. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** problem+json (RFC 9457): what every refusal of the platform is. */
    public static final String PROBLEM = "application/problem+json";

    static {
        RestAssured.config = RestAssured.config()
                .objectMapperConfig(
                        ObjectMapperConfig.objectMapperConfig().jackson2ObjectMapperFactory((type, charset) -> JSON))
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", 5_000)
                        .setParam("http.socket.timeout", 60_000));
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {}

    /** A request to the platform's entry point without a token. */
    public static RequestSpecification anonymous() {
        return given().baseUri(TestPlatform.get().entryPoint()).contentType(ContentType.JSON);
    }

    /** A request to the platform's entry point as the holder of {@code token}. */
    public static RequestSpecification as(String token) {
        return anonymous().auth().oauth2(token);
    }

    /** A request to one service's main port directly, as the gateway sends it. */
    public static RequestSpecification service(String name) {
        return given().baseUri(TestPlatform.get().services().get(name).url()).contentType(ContentType.JSON);
    }

    /**
     * A request to one service's management interface ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}, and
     * the internal API, {@code /internal/*}).
     */
    public static RequestSpecification management(String name) {
        return given().baseUri(TestPlatform.get().services().get(name).managementUrl())
                .contentType(ContentType.JSON);
    }

    /** An answer's body as a JSON tree. */
    public static JsonNode json(Response response) {
        return response.as(JsonNode.class);
    }
}
