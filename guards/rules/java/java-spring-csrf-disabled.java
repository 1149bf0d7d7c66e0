package com.example.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

@Configuration
public class SecurityConfig {
    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http
            // ruleid: java-spring-csrf-disabled
            .csrf(csrf -> csrf.disable())
            .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
            .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        // ruleid: java-spring-csrf-disabled
        http.csrf(AbstractHttpConfigurer::disable)
            .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    protected void configure(HttpSecurity http) throws Exception {
        // ruleid: java-spring-csrf-disabled
        http.csrf().disable()
            .authorizeRequests().anyRequest().authenticated();
    }

    @Bean
    SecurityFilterChain legacy(HttpSecurity http) throws Exception {
        // ruleid: java-spring-csrf-disabled
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/**"));
        return http.build();
    }

    @Bean
    SecurityFilterChain spa(HttpSecurity http) throws Exception {
        // ok: java-spring-csrf-disabled
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()))
            // ok: java-spring-csrf-disabled
            .formLogin(form -> form.disable());
        return http.build();
    }

    @Bean
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        // ok: java-spring-csrf-disabled
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**"));
        // ok: java-spring-csrf-disabled
        http.httpBasic(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
