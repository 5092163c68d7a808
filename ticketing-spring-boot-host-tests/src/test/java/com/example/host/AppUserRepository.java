package com.example.host;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The host's users, found by the e-mail address they sign in with. */
public interface AppUserRepository extends JpaRepository<AppUser, Long> {
  Optional<AppUser> findByEmail(String email);

  List<AppUser> findByRole(String role);
}
