package dev.ticketing.spring.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;

/** An entity of the host application, in a package of its own that the host's @EntityScan names. */
@Entity
@Table(name = "host_note")
public class HostNote {
  @Id
  @Column(name = "id", length = 64)
  public String id = "";

  @Column(name = "body", length = 200, nullable = false)
  @NotBlank
  public String body = "";

  protected HostNote() {}

  public HostNote(String id, String body) {
    this.id = id;
    this.body = body;
  }
}
