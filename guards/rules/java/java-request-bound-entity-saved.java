package com.example.web;

import javax.persistence.EntityManager;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class UserController {
    private final UserRepository userRepository;
    private final EntityManager entityManager;

    public UserController(UserRepository userRepository, EntityManager entityManager) {
        this.userRepository = userRepository;
        this.entityManager = entityManager;
    }

    @PostMapping("/users")
    public User create(@RequestBody User user) {
        // ruleid: java-request-bound-entity-saved
        return userRepository.save(user);
    }

    @PutMapping("/users/{id}")
    public User update(@PathVariable Long id, @RequestBody User user) {
        user.setId(id);
        // ruleid: java-request-bound-entity-saved
        return userRepository.save(user);
    }

    @PostMapping("/accounts")
    @Transactional
    public String register(@ModelAttribute Account account) {
        if (account.getEmail() != null) {
            // ruleid: java-request-bound-entity-saved
            entityManager.persist(account);
        }
        return "redirect:/accounts";
    }

    @PutMapping("/users/{id}/profile")
    public User profile(@PathVariable Long id, @RequestBody UpdateProfileRequest form) {
        User user = userRepository.findById(id).orElseThrow();
        user.setDisplayName(form.displayName());
        // ok: java-request-bound-entity-saved
        return userRepository.save(user);
    }

    @PostMapping("/users/dto")
    public User createFromDto(@RequestBody UserDto dto) {
        // ok: java-request-bound-entity-saved
        return userRepository.save(dto.toEntity());
    }

    @PostMapping("/users/form")
    public User fromForm(@RequestBody UserForm form) {
        // ok: java-request-bound-entity-saved
        return userRepository.save(form.toUser());
    }

    public interface UserRepository extends org.springframework.data.jpa.repository.JpaRepository<User, Long> {
    }

    public record UpdateProfileRequest(String displayName) {
    }

    public record UserDto(String name) {
        User toEntity() {
            return new User();
        }
    }

    public record UserForm(String name) {
        User toUser() {
            return new User();
        }
    }

    public static class User {
        public void setId(Long id) {
        }

        public void setDisplayName(String name) {
        }
    }

    public static class Account {
        public String getEmail() {
            return null;
        }
    }
}
