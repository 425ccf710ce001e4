package dev.strangler.connect.core.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The review command for plan changes, so a reviewer sees what a Git change does before it is merged
 * ({@code bin/plan-review} runs it):
 *
 * <pre>
 * plan-review check PLAN                  validate; print every problem with its path in the document
 * plan-review table PLAN [--at INSTANT]   the authority of every scope at INSTANT (default: now)
 * plan-review diff OLD NEW                what changes for which scope, and from when until when
 * </pre>
 * {@code -} reads a plan from standard input, e.g.
 * {@code git show main:config-examples/plan/endorsement-migration.yaml | bin/plan-review diff - config-examples/plan/endorsement-migration.yaml}.
 * Exit status: 0 done, 1 a plan is invalid, 2 wrong usage or unreadable file.
 */
public final class PlanReview {

    static final int OK = 0;
    static final int INVALID_PLAN = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            Usage:
              plan-review check PLAN
              plan-review table PLAN [--at INSTANT]
              plan-review diff OLD NEW
            PLAN, OLD and NEW are YAML or JSON plan files, or - for standard input.
            INSTANT is ISO-8601 with an offset, e.g. 2026-03-01T00:00:00Z (default: now).
            """;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    PlanReview(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new PlanReview(System.in, System.out, System.err).run(args));
    }

    int run(String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        if (arguments.isEmpty()) {
            return usage("no command given");
        }
        String command = arguments.remove(0);
        try {
            return switch (command) {
                case "check" -> check(arguments);
                case "table" -> table(arguments);
                case "diff" -> diff(arguments);
                case "help", "--help", "-h" -> {
                    out.print(USAGE_TEXT);
                    yield OK;
                }
                default -> usage("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (InvalidPlanException e) {
            return INVALID_PLAN; // already reported by load()
        }
    }

    private int check(List<String> arguments) {
        requireCount(arguments, 1);
        MigrationPlan plan = load(arguments.get(0));
        out.println(arguments.get(0) + ": valid, " + plan.scopes().size() + " scopes over " + plan.entities().size() + " entities");
        return OK;
    }

    private int table(List<String> arguments) {
        Instant at = Instant.now();
        int atIndex = arguments.indexOf("--at");
        if (atIndex >= 0) {
            if (atIndex + 1 >= arguments.size()) {
                throw new UsageException("--at needs an instant");
            }
            at = instant(arguments.get(atIndex + 1));
            arguments.remove(atIndex + 1);
            arguments.remove(atIndex);
        }
        requireCount(arguments, 1);
        out.print(AuthorityTable.render(load(arguments.get(0)), at));
        return OK;
    }

    private int diff(List<String> arguments) {
        requireCount(arguments, 2);
        MigrationPlan before = load(arguments.get(0));
        MigrationPlan after = load(arguments.get(1));
        out.println("Changes from " + arguments.get(0) + " to " + arguments.get(1) + " (event time):");
        out.print(PlanDiff.between(before, after).render());
        return OK;
    }

    private MigrationPlan load(String location) {
        String document;
        try {
            document = location.equals("-")
                    ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read " + location + ": " + e.getMessage());
        }
        try {
            return MigrationPlan.parse(document);
        } catch (InvalidPlanException e) {
            err.println(location + ": invalid plan");
            e.errors().forEach(error -> err.println("  " + error));
            throw e;
        }
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("'" + text + "' is not an ISO-8601 instant with an offset, e.g. 2026-03-01T00:00:00Z");
        }
    }

    private static void requireCount(List<String> arguments, int count) {
        if (arguments.size() != count) {
            throw new UsageException("expected " + count + (count == 1 ? " plan" : " plans") + ", got " + arguments);
        }
    }

    private int usage(String problem) {
        err.println("plan-review: " + problem);
        err.print(USAGE_TEXT);
        return USAGE;
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
