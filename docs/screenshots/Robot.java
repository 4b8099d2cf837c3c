// Clicks and types on $DISPLAY for the screenshot hooks (java.awt.Robot through XTest; Xvfb has it).
// Usage: java docs/screenshots/Robot.java click X Y | key control+shift+s | type /tmp/a.json | sleep MS  ...

import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
public class Robot {
  public static void main(String[] a) throws Exception {
    java.awt.Robot r = new java.awt.Robot();
    r.setAutoDelay(40);
    for (int i = 0; i < a.length; i++) {
      switch (a[i]) {
        case "click": { int x = Integer.parseInt(a[++i]), y = Integer.parseInt(a[++i]); r.mouseMove(x, y); r.mousePress(InputEvent.BUTTON1_DOWN_MASK); r.mouseRelease(InputEvent.BUTTON1_DOWN_MASK); break; }
        case "key": { String[] ks = a[++i].split("\\+"); int[] codes = new int[ks.length];
          for (int k = 0; k < ks.length; k++) codes[k] = (int) KeyEvent.class.getField("VK_" + ks[k].toUpperCase()).get(null);
          for (int c : codes) r.keyPress(c); for (int k = codes.length - 1; k >= 0; k--) r.keyRelease(codes[k]); break; }
        case "type": for (char c : a[++i].toCharArray()) {
            boolean shift = Character.isUpperCase(c) || c == '_' || c == ':';
            int code = c == '/' ? KeyEvent.VK_SLASH : c == '.' ? KeyEvent.VK_PERIOD : c == '-' || c == '_' ? KeyEvent.VK_MINUS
                : c == ' ' ? KeyEvent.VK_SPACE : c == ':' ? KeyEvent.VK_SEMICOLON : KeyEvent.getExtendedKeyCodeForChar(c);
            if (shift) r.keyPress(KeyEvent.VK_SHIFT);
            r.keyPress(code); r.keyRelease(code);
            if (shift) r.keyRelease(KeyEvent.VK_SHIFT);
          } break;
        case "sleep": Thread.sleep(Long.parseLong(a[++i])); break;
      }
    }
  }
}
