package org.lmcx.render;


/** CSV cells: numbers in full precision with a '.' decimal point whatever the locale, text quoted if needed. */
public final class Csv {

    private Csv() {
    }

    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Double.toString(v);
    }

    public static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
