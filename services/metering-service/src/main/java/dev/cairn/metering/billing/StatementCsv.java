package dev.cairn.metering.billing;

import dev.cairn.metering.http.Csv;
import java.util.List;

/** Statements as CSV: one row per line, each row with its statement's id, tenant, month, status and total. */
public final class StatementCsv {
    private StatementCsv() {}

    /** The statements' lines, in the order given. */
    public static Csv of(List<Statement> statements) {
        Csv csv = new Csv(
                "statement_id",
                "tenant_id",
                "month",
                "status",
                "plan",
                "currency",
                "line",
                "kind",
                "description",
                "for_month",
                "quantity",
                "unit",
                "unit_price",
                "amount",
                "statement_total");
        for (Statement s : statements) {
            int n = 0;
            for (StatementLine l : s.lines()) {
                csv.row(
                        s.id(),
                        s.tenantId(),
                        s.month(),
                        s.status(),
                        s.plan(),
                        s.currency(),
                        ++n,
                        l.kind(),
                        l.description(),
                        l.forMonth(),
                        l.quantity(),
                        l.unit(),
                        l.unitPrice(),
                        l.amount(),
                        s.total());
            }
        }
        return csv;
    }

    /** The name a downloaded statement is saved under. */
    public static String filename(Statement statement) {
        return "statement-" + statement.month().toString().substring(0, 7) + "-" + statement.tenantId() + ".csv";
    }
}
