package dev.cairn.baseimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageSelectionTest {

    private static ControlStanza pkg(String name, String version, String depends) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Package", name);
        fields.put("Version", version);
        if (depends != null) {
            fields.put("Depends", depends);
        }
        return new ControlStanza(fields);
    }

    private static Map<String, ControlStanza> suite(ControlStanza... packages) {
        Map<String, ControlStanza> byName = new LinkedHashMap<>();
        for (ControlStanza p : packages) {
            byName.put(p.required("Package"), p);
        }
        return byName;
    }

    @Test
    void followsDependenciesTakesTheNewestAcrossSuitesAndLeavesOutWhatIsLeftOut() {
        Map<String, ControlStanza> stable = suite(
                pkg("jre", "25.0.5+8-1~deb13u1", "libc6 (>= 2.38), java-common, libz1 | zlib1g:any (>= 1:1.2)"),
                pkg("libc6", "2.41-12", "libgcc-s1"),
                pkg("libgcc-s1", "14.2.0-19", "libc6 (>= 2.35)"),
                pkg("zlib1g", "1:1.3-1", "libc6"));
        Map<String, ControlStanza> security = suite(pkg("jre", "25.0.5.1+2-1~deb13u1", "libc6 (>= 2.38), zlib1g"));

        List<ControlStanza> selected =
                PackageSelection.resolve(List.of("jre"), Set.of("java-common"), List.of(stable, security));

        assertThat(selected)
                .extracting(s -> s.required("Package") + "=" + s.required("Version"))
                .containsExactly("jre=25.0.5.1+2-1~deb13u1", "libc6=2.41-12", "zlib1g=1:1.3-1", "libgcc-s1=14.2.0-19");
    }

    @Test
    void anAlternativeLeftOutSatisfiesItsGroup() {
        Map<String, ControlStanza> stable = suite(pkg("tzdata", "2026f-0", "debconf (>= 0.5) | debconf-2.0"));

        assertThat(PackageSelection.resolve(List.of("tzdata"), Set.of("debconf"), List.of(stable)))
                .hasSize(1);
    }

    @Test
    void aNewDependencyNeitherFoundNorLeftOutFailsTheBuild() {
        Map<String, ControlStanza> stable = suite(pkg("jre", "25", "libnew1"));

        assertThatThrownBy(() -> PackageSelection.resolve(List.of("jre"), Set.of(), List.of(stable)))
                .hasMessageContaining("jre needs [libnew1]")
                .hasMessageContaining("none is left out on purpose");
    }

    @Test
    void anUnmetVersionConstraintFailsTheBuild() {
        Map<String, ControlStanza> stable = suite(pkg("jre", "25", "libc6 (>= 2.38)"), pkg("libc6", "2.36-9", null));

        assertThatThrownBy(() -> PackageSelection.resolve(List.of("jre"), Set.of(), List.of(stable)))
                .hasMessageContaining("needed libc6 (>= 2.38), the suites have libc6 2.36-9");
    }
}
