package dev.cairn.baseimage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One paragraph of a Debian control file (a package's {@code control}, one entry of a {@code Packages} index, a release
 * file): fields in their order, a continuation line (starting with a space or tab) belonging to the field above.
 *
 * @param fields the fields by name, in the paragraph's order, values as written (continuation lines joined by newlines)
 */
public record ControlStanza(Map<String, String> fields) {

    public ControlStanza {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The paragraphs of {@code text}, separated by blank lines; a malformed line is refused with its number. */
    public static List<ControlStanza> parseAll(String text) {
        List<ControlStanza> stanzas = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    stanzas.add(new ControlStanza(fields));
                    fields = new LinkedHashMap<>();
                    last = null;
                }
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (last == null) {
                    throw new IllegalArgumentException("line " + number + ": a continuation line with no field above");
                }
                fields.merge(last, line.strip(), (a, b) -> a + "\n" + b);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + number + ": not a field: " + line);
            }
            last = line.substring(0, colon);
            fields.put(last, line.substring(colon + 1).strip());
        }
        if (!fields.isEmpty()) {
            stanzas.add(new ControlStanza(fields));
        }
        return stanzas;
    }

    /** The value of {@code field}, if present. */
    public Optional<String> field(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** The value of {@code field}; refused when it is missing. */
    public String required(String field) {
        return field(field)
                .orElseThrow(() -> new IllegalArgumentException("no " + field + " field in: " + fields.keySet()));
    }
}
