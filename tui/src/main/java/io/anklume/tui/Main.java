package io.anklume.tui;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("anklume-tui");
    }
}
