package com.example.host;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An ordinary Spring Boot application that added ticketing by the README's steps: the JPA starter,
 * a {@code Directory} and a {@code HostUserLookup} on its own user table, and the role mapping in
 * {@code application.yml}. Its users sign in with their e-mail address over HTTP Basic.
 */
@SpringBootApplication
public class HostApplication {}
