package io.devstate.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Well-formed UTF-8 only (RFC 3629), checked by the JDK's decoder: overlong forms ({@code C0 AF}
 * for {@code /}), encoded surrogates and code points past U+10FFFF are refused instead of being
 * decoded leniently, and so stored and signed as something the client did not send.
 */
public final class Utf8 {

    private Utf8() {
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The text of well-formed UTF-8 bytes. */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        return strictDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** True when the text holds a surrogate that is not half of a pair (JSON allows {@code "\ud800"}). */
    public static boolean hasLoneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** 400 naming {@code field} when its text holds an unpaired surrogate (stored, it would become {@code ?}). */
    public static String requireCharacters(String field, String value) {
        if (value != null && hasLoneSurrogate(value)) {
            throw new BadRequest(field + " contains an unpaired UTF-16 surrogate, which is not a character")
                    .with("field", field);
        }
        return value;
    }

    /** The stream as it is, failing with {@link MalformedUtf8} at the first byte that is not well-formed UTF-8. */
    public static InputStream validating(InputStream in) {
        return new Validating(in);
    }

    /** Bytes that are not well-formed UTF-8; a request body with them is a 400. */
    public static final class MalformedUtf8 extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final long offset;

        MalformedUtf8(long offset) {
            this.offset = offset;
        }

        @Override
        public String getMessage() {
            return "the body is not well-formed UTF-8 (at byte " + offset + ")";
        }
    }

    /** Passes bytes through while decoding them into a small scratch buffer that is thrown away. */
    private static final class Validating extends FilterInputStream {
        private final CharsetDecoder decoder = strictDecoder();
        private final CharBuffer scratch = CharBuffer.allocate(8192);
        private ByteBuffer pending = ByteBuffer.allocate(0);
        private long offset;
        private boolean ended;

        Validating(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                finish();
            } else if (n > 0) {
                check(ByteBuffer.wrap(b, off, n), false);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes must be checked too: read them.
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        private void finish() throws IOException {
            if (!ended) {
                ended = true;
                check(ByteBuffer.allocate(0), true);
                scratch.clear();
                if (decoder.flush(scratch).isError()) {
                    throw new MalformedUtf8(offset);
                }
            }
        }

        private void check(ByteBuffer chunk, boolean endOfInput) throws MalformedUtf8 {
            ByteBuffer input = chunk;
            if (pending.hasRemaining()) { // an incomplete sequence left by the previous read
                input = ByteBuffer.allocate(pending.remaining() + chunk.remaining()).put(pending).put(chunk).flip();
            }
            while (true) {
                scratch.clear();
                int before = input.position();
                CoderResult result = decoder.decode(input, scratch, endOfInput);
                offset += input.position() - before;
                if (result.isError()) {
                    throw new MalformedUtf8(offset);
                }
                if (result.isUnderflow()) {
                    break;
                }
            }
            pending = input.hasRemaining() ? ByteBuffer.allocate(input.remaining()).put(input).flip() : ByteBuffer.allocate(0);
        }
    }
}
