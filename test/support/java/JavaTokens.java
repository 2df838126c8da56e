// Prints the tokens of Java sources as javac's own scanner reads them (unicode escapes, comments,
// literals): one kind per line, string literals with their decoded value in hex, ERROR on a
// lexical error. Run by test/support/code-syntax.ts with `java` (single-file source launch).
import com.sun.tools.javac.parser.JavaTokenizer;
import com.sun.tools.javac.parser.Scanner;
import com.sun.tools.javac.parser.ScannerFactory;
import com.sun.tools.javac.parser.Tokens;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Log;
import java.nio.file.*;

public class JavaTokens {
  public static void main(String[] args) throws Exception {
    Context context = new Context();
    com.sun.tools.javac.file.JavacFileManager.preRegister(context);
    ScannerFactory factory = ScannerFactory.instance(context);
    Log log = Log.instance(context);
    StringBuilder out = new StringBuilder();
    for (String file : args) {
      String src = new String(Files.readAllBytes(Paths.get(file)), "UTF-8");
      int errors = log.nerrors;
      out.append("=== ").append(file).append('\n');
      try {
        Scanner s = factory.newScanner(src, true);
        for (s.nextToken(); s.token().kind != Tokens.TokenKind.EOF; s.nextToken()) {
          Tokens.Token t = s.token();
          out.append(t.kind.name());
          if (t.kind == Tokens.TokenKind.STRINGLITERAL) out.append(' ').append(hex(t.stringVal()));
          out.append('\n');
        }
        if (log.nerrors > errors) out.append("ERROR\n");
      } catch (RuntimeException e) {
        // javac reports a lexical error (an illegal unicode escape) without a source to point at.
        out.append("ERROR\n");
      }
    }
    System.out.print(out);
  }
  static String hex(String v) { StringBuilder b = new StringBuilder(); for (char c : v.toCharArray()) b.append(String.format("%04x", (int) c)); return b.toString(); }
}
