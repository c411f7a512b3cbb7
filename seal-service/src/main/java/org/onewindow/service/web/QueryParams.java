package org.onewindow.service.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.onewindow.service.errors.BadRequestException;

/** Optional query parameters read the same way by every route. */
public final class QueryParams {
    private QueryParams() {
    }

    /** The parameter without surrounding blanks, or {@code null} when absent or blank. */
    public static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An ISO date ({@code YYYY-MM-DD}), or {@code null} when absent; anything else is a 400. */
    public static LocalDate date(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + ": '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }
}
