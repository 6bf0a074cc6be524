package dev.cairn.cli.restore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** {@code FROM:TO} pairs, as Velero writes its mappings ({@code --namespace-mapping shop:shop-dr}). */
final class Mappings {
    private Mappings() {}

    /** The pairs of {@code values}, each {@code FROM:TO}; a malformed or repeated FROM is a usage error. */
    static Map<String, String> parse(String option, List<String> values, CommandLine commandLine) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String pair : values) {
            String[] fromTo = pair.split(":", -1);
            if (fromTo.length != 2 || fromTo[0].isBlank() || fromTo[1].isBlank()) {
                throw new CommandLine.ParameterException(
                        commandLine, option + " takes FROM:TO pairs (e.g. shop:shop-dr), not '" + pair + "'");
            }
            if (mapping.put(fromTo[0].strip(), fromTo[1].strip()) != null) {
                throw new CommandLine.ParameterException(commandLine, option + " maps " + fromTo[0].strip() + " twice");
            }
        }
        return mapping;
    }
}
