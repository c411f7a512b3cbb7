package org.onewindow.templates;

/** Typeface roles of the layout (see {@link FontConfig}). */
enum FontRole {
    SONG, KAI, HEI
}
