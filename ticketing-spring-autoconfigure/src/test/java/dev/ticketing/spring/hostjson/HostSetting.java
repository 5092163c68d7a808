package dev.ticketing.spring.hostjson;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An entity of a host application with a JSON column. */
@Entity
@Table(name = "host_setting")
public class HostSetting {
  @Id
  @Column(name = "id", length = 64)
  public String id = "";

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "payload")
  public Map<String, Object> payload = new HashMap<>();

  protected HostSetting() {}

  public HostSetting(String id, Map<String, Object> payload) {
    this.id = id;
    this.payload = payload;
  }
}
