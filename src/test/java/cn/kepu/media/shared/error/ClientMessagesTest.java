package cn.kepu.media.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.media.Rejection;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the class of defect "a client reads a raw English message" (issue 8 item 11), not only missing keys:
 * <ul>
 * <li>an {@link ApiException} (the carrier of every client-facing error, GraphQL and REST) can only be built from a
 * {@link Msg}: no constructor of it or of a subclass takes a bare message, so {@code new ApiException(code, "text")}
 * or {@code ApiException.validation(field, "text")} does not compile;</li>
 * <li>no prose travels as an argument of a message ({@code Msg.of("key", "some English words")}): arguments are
 * values (ids, codes, numbers, field paths) or other {@code Msg}s, which are translated with the message;</li>
 * <li>the "thing" named by {@code ApiException.notFound("Work", id)} and keys built at run time from an enum have
 * both languages.</li>
 * </ul>
 */
class ClientMessagesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.kepu.media");

    /** The opening of a {@code Msg.of(} call; its arguments are read up to the matching parenthesis. */
    private static final Pattern MSG_OF = Pattern.compile("Msg\\.of\\(");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NOT_FOUND = Pattern.compile("ApiException\\.notFound\\(\\s*\"([A-Za-z]+)\"");

    @Test
    void everyClientErrorIsBuiltFromATranslatableMessage() {
        List<JavaClass> carriers = MAIN.stream().filter(c -> c.isAssignableTo(ApiException.class)).toList();
        assertThat(carriers).as("ApiException and its subclasses").hasSizeGreaterThanOrEqualTo(2);
        List<String> raw = new ArrayList<>();
        for (JavaClass carrier : carriers) {
            for (JavaConstructor constructor : carrier.getConstructors()) {
                boolean translatable = constructor.getRawParameterTypes().stream()
                        .anyMatch(p -> p.isEquivalentTo(Msg.class));
                // A subclass may classify (code, cause) and pick its Msg itself, as long as no text comes in.
                boolean noText = constructor.getRawParameterTypes().stream()
                        .noneMatch(p -> p.isEquivalentTo(String.class));
                if (!translatable && !noText) {
                    raw.add(constructor.getFullName());
                }
            }
        }
        assertThat(raw).as("constructors that accept a message without translation").isEmpty();
        // The static factories too: each one that takes text next to the field takes it as a Msg.
        assertThat(MAIN.get(ApiException.class).getMethods().stream()
                .filter(m -> m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC))
                .filter(m -> m.getRawReturnType().isAssignableTo(ApiException.class))
                .filter(m -> !m.getName().equals("notFound"))
                .filter(m -> m.getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(String.class))
                        && m.getRawParameterTypes().stream().noneMatch(p -> p.isEquivalentTo(Msg.class)))
                .map(m -> m.getFullName()).toList())
                .as("factories that accept a message without translation").isEmpty();
    }

    @Test
    void noMessageArgumentIsProse() throws IOException {
        List<String> prose = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                proseArguments(Files.readString(source))
                        .forEach(p -> prose.add(source.getFileName() + ": " + p));
            }
        }
        assertThat(prose).as("text passed into a Msg instead of being part of its bundle entry").isEmpty();
    }

    @Test
    void theProseDetectorFindsWhatItLooksFor() {
        assertThat(proseArguments("x(Msg.of(\"a.b\", \"no account \" + id));")).containsExactly("\"no account \"");
        assertThat(proseArguments("x(Msg.of(\"a.b\", f(\"x y\"), \"input.rounds[\" + i + \"].size\"));"))
                .containsExactly("\"x y\"");
        assertThat(proseArguments("x(Msg.of(\"shared.validation.enum\", \"method\", name, Msg.of(\"c.d\")));"))
                .isEmpty();
        assertThat(proseArguments("x(Msg.of(\"a.b\", String.join(\", \", codes), w + \" × \" + h));")).isEmpty();
    }

    @Test
    void everyThingNamedByNotFoundAndEveryRejectionIsTranslated() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = NOT_FOUND.matcher(Files.readString(source));
                while (m.find()) {
                    keys.add("shared.thing." + m.group(1));
                }
            }
        }
        assertThat(keys).contains("shared.thing.Work");
        for (Rejection reason : Rejection.values()) {
            keys.add("media.rejection." + reason.name());
        }
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            String zh = Msg.of(key).in(Messages.CHINESE);
            String en = Msg.of(key).in(Messages.ENGLISH);
            if (zh.equals(key) || en.equals(key) || zh.equals(en)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("keys without both a Chinese and an English text").isEmpty();
    }

    /**
     * String literals among a Msg's arguments (after its key) that hold words (letters and whitespace); separators
     * such as {@code ", "} and field paths pass.
     */
    static List<String> proseArguments(String source) {
        List<String> found = new ArrayList<>();
        Matcher call = MSG_OF.matcher(source);
        while (call.find()) {
            String args = argumentsFrom(source, call.end());
            Matcher literal = STRING_LITERAL.matcher(args);
            boolean key = true;
            while (literal.find()) {
                if (key) {
                    key = false;
                    continue;
                }
                String text = literal.group(1);
                if (text.chars().anyMatch(Character::isWhitespace) && text.chars().anyMatch(Character::isLetter)) {
                    found.add(literal.group());
                }
            }
        }
        return found;
    }

    /** The text between an opening parenthesis (just before {@code from}) and its match, skipping string literals. */
    private static String argumentsFrom(String source, int from) {
        int depth = 1;
        boolean inString = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(from, i);
            }
        }
        return source.substring(from);
    }
}
