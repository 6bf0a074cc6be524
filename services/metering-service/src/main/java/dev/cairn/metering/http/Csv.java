package dev.cairn.metering.http;

import java.util.List;

/** RFC 4180 CSV: a header row, then rows; a field with a comma, quote or line break is quoted, quotes doubled. */
public final class Csv {
    /** The media type of the CSV answers. */
    public static final String MEDIA_TYPE = "text/csv";

    private final StringBuilder text = new StringBuilder();

    public Csv(String... header) {
        row((Object[]) header);
    }

    public Csv row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields[i]));
        }
        text.append("\r\n");
        return this;
    }

    public Csv rows(List<Object[]> rows) {
        rows.forEach(this::row);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
