package dev.cairn.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

/**
 * A 5xx problem: the error id to quote, the trace id that finds the request's spans and logs; an unanswered upstream
 * call a 502; a database pool run dry a 503 to try again.
 */
class ProblemFailureMembersTest {

    @Test
    void aFailureInARequestsTraceNamesItsTraceId() {
        Span span = Span.wrap(SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getDefault(),
                TraceState.getDefault()));

        try (Scope scope = span.makeCurrent()) {
            assertThat(ProblemMappers.failure("e-1"))
                    .containsEntry("errorId", "e-1")
                    .containsEntry("traceId", "0af7651916cd43dd8448eb211c80319c");
        }
    }

    @Test
    void anUpstreamCallThatGotNoAnswerIsA502NotA500() {
        var answer = new ProblemMappers().unanswered(new jakarta.ws.rs.ProcessingException("timeout of 5000ms"), null);

        assertThat(answer.getStatus()).isEqualTo(502);
        Problem problem = (Problem) answer.getEntity();
        assertThat(problem.type().toString()).endsWith("upstream");
        assertThat(problem.detail()).contains("did not answer").doesNotContain("5000ms");
        assertThat(problem.extensions()).containsKey("errorId");
    }

    @Test
    void aRequestThatGotNoDatabaseConnectionInTimeIsA503ToTryAgain() {
        // Agroal's refusal, wrapped as Hibernate and our own catalogs wrap it
        var cause = new java.sql.SQLException("Sorry, acquisition timeout!");
        var answer = new ProblemMappers()
                .unexpected(
                        new IllegalStateException(
                                "catalog unavailable",
                                new RuntimeException("Unable to acquire JDBC Connection", cause)),
                        null);

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("1");
        Problem problem = (Problem) answer.getEntity();
        assertThat(problem.type().toString()).endsWith("overloaded");
        assertThat(problem.detail()).doesNotContain("acquisition");
    }

    @Test
    void anotherDatabaseFailureStaysA500() {
        var answer = new ProblemMappers()
                .unexpected(new IllegalStateException(new java.sql.SQLException("relation does not exist")), null);

        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(((Problem) answer.getEntity()).type().toString()).endsWith("internal");
    }

    @Test
    void aFailureOutsideAnyTraceNamesOnlyItsErrorId() {
        assertThat(ProblemMappers.failure("e-2")).containsOnlyKeys("errorId");
    }
}
