package descent;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiles and runs every {@code ```java} block of the repository README as the body of a main
 * method. A statement {@code System.out.println(expr); // => text} becomes a check that
 * {@code expr} prints exactly {@code text}, so the outputs the README shows are the real ones.
 */
class ReadmeTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXPECT = Pattern.compile("System\\.out\\.println\\((.*)\\);\\s*// => (.*)$");
    private static final String IMPORTS = "import descent.tensor.*;\nimport descent.ad.*;\nimport descent.optim.*;\n"
            + "import descent.stde.*;\nimport descent.pinn.*;\nimport descent.pinn.zoo.*;\n";

    static List<String> snippets() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The snippet with its expected-output lines turned into checks. */
    static String instrument(String snippet) {
        StringBuilder sb = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            Matcher m = EXPECT.matcher(line.trim());
            if (m.find()) {
                String indent = line.substring(0, line.indexOf(line.trim()));
                sb.append(indent).append("descent.ReadmeExpect.check(").append(m.group(1)).append(", \"")
                        .append(m.group(2).trim().replace("\\", "\\\\").replace("\"", "\\\"")).append("\");\n");
            } else {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetRunsAndPrintsWhatTheReadmeSays() throws IOException {
        List<String> snippets = snippets();
        assertFalse(snippets.isEmpty(), "README.md has no java snippets");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String code = snippets.get(i);
            String name = "Snippet" + i;
            String first = code.strip().lines().findFirst().orElse("");
            tests.add(DynamicTest.dynamicTest("README snippet " + (i + 1) + ": " + first, () -> run(name, code)));
        }
        return tests.stream();
    }

    private static void run(String name, String code) throws Exception {
        Path dir = Files.createTempDirectory("readme");
        String source = IMPORTS + "public class " + name + " {\n  public static void main(String[] args) throws Exception {\n"
                + instrument(code) + "  }\n}\n";
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        // As a user's program: on the class path, with Descent as a module when the tests run on the module path,
        // so a snippet can only use the packages the module exports.
        List<String> options = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d", dir.toString()));
        String modules = System.getProperty("jdk.module.path");
        if (modules != null) {
            options.addAll(List.of("--module-path", modules, "--add-modules", "descent.core"));
        }
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diags, options, null, fm.getJavaFileObjects(file.toFile())).call();
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                errors.append(d.getKind()).append(" line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
            }
            assertTrue(ok, "snippet does not compile:\n" + errors + "\n" + source);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeTest.class.getClassLoader())) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
