package org.onewindow.templates;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** Dates as written in Chinese official documents (GB/T 9704-2012: Arabic numerals, no leading zeros). */
public final class ChineseDates {
    private ChineseDates() {
    }

    /** {@code 2026年11月25日}. */
    public static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** {@code 2026年11月25日10时05分}. */
    public static String dateTime(LocalDateTime t) {
        return date(t.toLocalDate()) + t.getHour() + "时" + String.format("%02d", t.getMinute()) + "分";
    }
}
