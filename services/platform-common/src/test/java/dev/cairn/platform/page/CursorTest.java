package dev.cairn.platform.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.platform.problem.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void aCursorRoundTripsToTheNanosecond() {
        Cursor cursor = new Cursor(Instant.parse("2026-12-02T03:04:05.123456789Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void noCursorIsTheFirstPageAndAForgedOneIsA400NamingIt() {
        assertThat(Cursor.decode(null)).isNull();
        assertThat(Cursor.decode(" ")).isNull();
        for (String bad : new String[] {"not base64!", "Zm9v", "MS4yLm5vdC1hLXV1aWQ"}) {
            assertThatThrownBy(() -> Cursor.decode(bad)).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errors())
                        .singleElement()
                        .satisfies(f -> assertThat(f.field()).isEqualTo("cursor"));
            });
        }
    }

    @Test
    void anIdCursorIsTheLastIdOrNothingAndAnythingElseIsA400NamingIt() {
        UUID id = UUID.randomUUID();
        assertThat(Cursor.afterId(id.toString())).isEqualTo(id);
        assertThat(Cursor.afterId(null)).isNull();
        assertThat(Cursor.afterId("")).isNull();
        assertThatThrownBy(() -> Cursor.afterId("42"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.errors())
                                .singleElement()
                                .satisfies(f -> assertThat(f.field()).isEqualTo("cursor")));
    }

    @Test
    void aPageSizeIsOneToItsMaximum() {
        assertThat(Cursor.limit(1, 500)).isEqualTo(1);
        assertThat(Cursor.limit(500, 500)).isEqualTo(500);
        for (int bad : new int[] {0, -1, 501}) {
            assertThatThrownBy(() -> Cursor.limit(bad, 500)).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errors()).singleElement().satisfies(f -> {
                    assertThat(f.field()).isEqualTo("limit");
                    assertThat(f.message()).isEqualTo("between 1 and 500");
                });
            });
        }
    }

    @Test
    void anOffsetCursorRoundTripsAndAnyOtherIsA400NamingIt() {
        assertThat(Cursor.offset(Cursor.atOffset(1234))).isEqualTo(1234);
        assertThat(Cursor.offset(null)).isZero();
        Cursor keyset = new Cursor(Instant.now(), UUID.randomUUID());
        for (String bad : new String[] {"not base64!", keyset.encode(), Cursor.atOffset(-1), "bzEyeA"}) {
            assertThatThrownBy(() -> Cursor.offset(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
