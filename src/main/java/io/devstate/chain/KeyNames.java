package io.devstate.chain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Metadata key names as a reader sees them: {@code Pass\u200bword}, fullwidth {@code ｐａｓｓｗｏｒｄ}
 * and {@code paſſword} all read "password", so they must be masked like it. This is Unicode's
 * NFKC_Casefold idea with the JDK's tools: NFKC, default-ignorable code points removed, case
 * folded (upper then lower, so {@code ß} and {@code ſ} fold too), NFKC again.
 */
final class KeyNames {

    private KeyNames() {
    }

    static String fold(String key) {
        String compatible = Normalizer.normalize(key, Normalizer.Form.NFKC);
        StringBuilder visible = new StringBuilder(compatible.length());
        compatible.codePoints().filter(cp -> !isDefaultIgnorable(cp)).forEach(visible::appendCodePoint);
        String folded = visible.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /**
     * Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt): the listed fillers,
     * selectors and reserved ranges, and every format character (Cf: U+200B, U+00AD, U+FEFF ...).
     * A few Cf characters are visible and not default-ignorable; dropping them too only masks more.
     */
    static boolean isDefaultIgnorable(int cp) {
        return Character.getType(cp) == Character.FORMAT || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFA0
                || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0x1BCA0 && cp <= 0x1BCA3)
                || (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE0FFF) || (cp >= 0x2060 && cp <= 0x206F);
    }
}
