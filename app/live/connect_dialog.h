#pragma once

#include "app/live_session.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLineEdit;

namespace takt::app {

/// File › Connect…: the broker URL (mqtt:// or mqtts://), user and password, the CA file for
/// TLS, the payload family, the plant and the session to record into. Remembers the URL, CA
/// file, family and plant between runs (QSettings); never the user name or the password.
/// GUI thread.
class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget* parent = nullptr);

    /// What the fields say now.
    LiveConnection connection() const;
    /// Shows the dialog; the connection when the user pressed Connect.
    static std::optional<LiveConnection> ask(QWidget* parent);

    void accept() override;

private:
    void browse(QLineEdit* field, const QString& title, const QString& filter, bool save);

    QLineEdit* m_url;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLineEdit* m_ca;
    QComboBox* m_format;
    QLineEdit* m_plant;
    QLineEdit* m_out;
};

} // namespace takt::app
