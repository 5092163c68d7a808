package com.example.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The host's own user: a numeric id, the e-mail address users sign in with, a role, a company. */
@Entity
@Table(name = "app_user")
public class AppUser {
  @Id private Long id;

  @Column(nullable = false, unique = true)
  private String email;

  @Column(nullable = false)
  private String password;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  /** The host's role names: USER and ADMIN on the customers' side, SUPPORT and SUPPORT_LEAD on ours. */
  @Column(nullable = false)
  private String role;

  @Column(name = "company_id")
  private String companyId;

  protected AppUser() {}

  public Long getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public String getPassword() {
    return password;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getRole() {
    return role;
  }

  public String getCompanyId() {
    return companyId;
  }
}
